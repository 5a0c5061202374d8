/** The farmer screens' words (Vietnamese). */
export default {
  'farmer.home.title': 'Vườn của tôi',
} as const;

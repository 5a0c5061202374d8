/** The manager screens' words (Vietnamese). */
export default {
  'manager.home.title': 'Hợp tác xã',
} as const;

/** The province screens' words (Vietnamese). */
export default {
  'province.home.title': 'Sở Nông nghiệp',
} as const;

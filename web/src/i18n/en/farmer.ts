import type vi from '../vi/farmer';

export default {
  'farmer.home.title': 'My plots',
} satisfies Record<keyof typeof vi, string>;

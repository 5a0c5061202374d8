import type vi from '../vi/manager';

export default {
  'manager.home.title': 'Co-operative',
} satisfies Record<keyof typeof vi, string>;

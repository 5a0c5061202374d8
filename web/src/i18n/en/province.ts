import type vi from '../vi/province';

export default {
  'province.home.title': 'Province office',
} satisfies Record<keyof typeof vi, string>;

import { foldedLikePattern, foldForSearch } from './search-fold';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['Thanh Sơn', 'thanh son'],
    ['ĐỖ THỊ HƯƠNG', 'do thi huong'],
    ['Xã  Thanh\tHà ', 'xa thanh ha'],
    // NFD input, as some phone keyboards send it.
    ['Nguye\u0302\u0303n', 'nguyen'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('folds nothing to an empty string', () => {
    expect(foldForSearch(null)).toBe('');
    expect(foldForSearch(undefined)).toBe('');
  });

  it('escapes LIKE wildcards in a search', () => {
    expect(foldedLikePattern('50%_Hà')).toBe('%50\\%\\_ha%');
  });
});

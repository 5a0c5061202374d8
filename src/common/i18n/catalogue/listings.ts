import type { CatalogueEntry } from './entry';

/** Marketplace listings, their channels on each marketplace, and the queue board behind them. */
export const listingMessages = {
  'listings.marketplaceName': { vi: 'phải là một trong lazada, tiki, shopee', en: 'must be one of lazada, tiki, shopee' },
  'listings.batchOfProduct': { vi: 'phải là một lô hàng của sản phẩm này', en: 'must be a batch of this product' },
  'listings.batchRecalled': {
    vi: 'Lô hàng {lotCode} đã bị thu hồi nên không thể đăng bán',
    en: 'Batch {lotCode} has been recalled; it cannot be listed',
  },
  'listings.delisted': {
    vi: 'Tin đăng {id} đã ngừng bán; hãy đăng bán lại (POST …/relist) trước khi sửa',
    en: 'Listing {id} has been delisted; list it again (POST …/relist) before changing it',
  },
  'listings.notDelisted': {
    vi: 'Tin đăng {id} đang được bán; chỉ tin đã ngừng bán mới đăng bán lại được',
    en: 'Listing {id} is on sale; only a delisted listing can be listed again',
  },
  'listings.stillDelisting': {
    vi: 'Việc ngừng bán trên {marketplaces} chưa xong; hãy chờ các kênh về trạng thái delisted (kênh failed: thử lại kênh đó) rồi đăng bán lại',
    en: 'Delisting on {marketplaces} has not finished; wait until those channels are delisted (a failed one: retry it) and list again',
  },
  'listings.notOnMarketplace': {
    vi: 'Tin đăng {id} không được đăng trên {marketplace}',
    en: 'Listing {id} is not listed on {marketplace}',
  },
  'listings.channelPresent': {
    vi: 'Tin đăng đã có kênh {marketplace} (trạng thái {status})',
    en: 'The listing already has a {marketplace} channel (status {status})',
  },
  'listings.retryOnlyFailed': {
    vi: 'Kênh {marketplace} đang ở trạng thái {status}; chỉ kênh failed hoặc rejected mới thử lại được',
    en: 'The {marketplace} channel is {status}; only failed or rejected channels can be retried',
  },
  'listings.queueBoardAdminsOnly': { vi: 'Bảng hàng đợi chỉ dành cho quản trị viên', en: 'The queue board is for admins only' },
  'listings.passwordResetFirst': {
    vi: 'Mật khẩu của bạn đã được đặt lại: hãy chọn mật khẩu mới bằng POST /api/v1/auth/password trước',
    en: 'Your password was reset: choose a new one with POST /api/v1/auth/password first',
  },
} satisfies Record<string, CatalogueEntry>;

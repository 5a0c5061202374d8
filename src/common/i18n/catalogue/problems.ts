import type { CatalogueEntry } from './entry';

/** Problem titles by HTTP status, and what the error filter says on its own. */
export const problemMessages = {
  'problem.400': { vi: 'Dữ liệu không hợp lệ', en: 'Bad request' },
  'problem.401': { vi: 'Chưa đăng nhập hoặc phiên đã hết hạn', en: 'Unauthorized' },
  'problem.403': { vi: 'Không có quyền', en: 'Forbidden' },
  'problem.404': { vi: 'Không tìm thấy', en: 'Not found' },
  'problem.405': { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  'problem.406': { vi: 'Không có định dạng phù hợp', en: 'Not acceptable' },
  'problem.409': { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  'problem.412': { vi: 'Dữ liệu đã bị người khác thay đổi', en: 'Precondition failed' },
  'problem.413': { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  'problem.414': { vi: 'Địa chỉ quá dài', en: 'URI too long' },
  'problem.415': { vi: 'Định dạng dữ liệu không được hỗ trợ', en: 'Unsupported media type' },
  'problem.422': { vi: 'Không xử lý được dữ liệu', en: 'Unprocessable entity' },
  'problem.428': { vi: 'Cần gửi kèm phiên bản (If-Match)', en: 'Precondition required' },
  'problem.429': { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  'problem.500': { vi: 'Lỗi hệ thống', en: 'Internal server error' },
  'problem.503': { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service unavailable' },
  'problem.other': { vi: 'Lỗi', en: 'Error' },

  'problem.unexpected': {
    vi: 'Đã xảy ra lỗi không mong muốn; khi báo lỗi, hãy gửi kèm mã yêu cầu',
    en: 'An unexpected error occurred; quote the request id when reporting it',
  },
  'problem.invalidRequest': { vi: 'Yêu cầu không hợp lệ', en: 'The request is invalid' },
  'problem.bodyTooLarge': { vi: 'Dữ liệu gửi lên lớn hơn mức cho phép', en: 'The request body is larger than this route accepts' },
  'problem.mediaType': { vi: 'Định dạng dữ liệu này không được chấp nhận ở đây', en: 'This content type is not accepted here' },
  'problem.emptyJson': { vi: 'Nội dung trống nhưng khai báo là JSON', en: 'The body is empty but the content type says JSON' },
  'problem.invalidJson': { vi: 'Nội dung không phải JSON hợp lệ', en: 'The body is not valid JSON' },
  'problem.contentLength': { vi: 'Content-Length không khớp với nội dung', en: 'Content-Length does not match the body' },
  'problem.badUrl': { vi: 'Địa chỉ không hợp lệ', en: 'The URL is malformed' },
  'problem.paramTooLong': { vi: 'Tham số trên đường dẫn quá dài', en: 'A path parameter is longer than this service accepts' },
  'problem.malformed': { vi: 'Yêu cầu sai định dạng', en: 'The request is malformed' },
  'problem.notFoundRoute': { vi: 'Không có đường dẫn {method} {path}', en: 'Route {method} {path} not found' },
} satisfies Record<string, CatalogueEntry>;

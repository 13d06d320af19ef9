// The one warning every scan made against the sample feed carries (issue 10, point 7).
import type { ParseIssue } from '../../shared/domain';

/**
 * The one line that says the indicators are the bundled sample (documentation addresses only):
 * a scan against it cannot say a machine is clean, so every report made with it carries this.
 */
export function sampleFeedWarning(file: string): ParseIssue {
  return {
    file,
    line: 0,
    message:
      'đang dùng danh sách MẪU đi kèm, chưa nạp danh sách chỉ báo thật của chiến dịch, nên "không phát hiện" chưa có nghĩa là máy sạch; ' +
      'hãy chạy "sachmadoc feed update --url <địa chỉ nguồn cấp của cơ quan>" (trong ứng dụng: Cài đặt → Cập nhật) hoặc hỏi bộ phận CNTT / ' +
      'using the bundled SAMPLE list: the real campaign list is not loaded, so "no findings" does not mean clean; ' +
      'run "sachmadoc feed update --url <your agency\'s feed URL>" (in the app: Settings → Update) or ask IT',
  };
}

/**
 * The words for each figure of a summary, by its path in SummaryMetrics (`votes.held`,
 * `regulations.byKind.community_convention.in_force`), in each language: the rows of the exports and the comparison of
 * a first-published report with its restatement name figures by these, never by their paths.
 */
import { KindId, kindOf, Language, Stage, stageLabels } from '@app/domain';

type Words = Readonly<Record<Language, string>>;

const fixed: Readonly<Record<string, Words>> = {
  'regulations.total': { vi: 'Tổng số quy chế, quy ước', en: 'Regulations' },
  'regulations.amending': { vi: 'Đang sửa đổi, bổ sung', en: 'Being amended' },
  'inPeriod.drafted': { vi: 'Khởi thảo trong kỳ', en: 'Drafts begun in the period' },
  'inPeriod.recognized': { vi: 'Công nhận / ban hành trong kỳ', en: 'Recognized or issued in the period' },
  'inPeriod.amended': { vi: 'Sửa đổi được công nhận trong kỳ', en: 'Amendments recognized in the period' },
  'inPeriod.suspended': { vi: 'Tạm ngừng trong kỳ', en: 'Suspended in the period' },
  'inPeriod.resumed': { vi: 'Hết tạm ngừng trong kỳ', en: 'Suspensions ended in the period' },
  'inPeriod.repealed': { vi: 'Bãi bỏ trong kỳ', en: 'Repealed in the period' },
  'inPeriod.withdrawn': { vi: 'Rút dự thảo trong kỳ', en: 'Drafts withdrawn in the period' },
  'reviews.due': { vi: 'Rà soát đến hạn', en: 'Reviews due' },
  'reviews.done': { vi: 'Rà soát đã thực hiện', en: 'Reviews held' },
  'reviews.outstandingAtEnd': { vi: 'Rà soát còn tồn cuối kỳ', en: 'Reviews outstanding at the period end' },
  'approvals.submitted': { vi: 'Hồ sơ đã nộp', en: 'Dossiers submitted' },
  'approvals.submittedLate': { vi: 'Hồ sơ nộp quá hạn', en: 'Dossiers submitted late' },
  'approvals.returned': { vi: 'Hồ sơ bị trả lại', en: 'Dossiers returned' },
  'approvals.pendingAtEnd': { vi: 'Chờ quyết định cuối kỳ', en: 'Awaiting a decision at the period end' },
  'approvals.overdueAtEnd': { vi: 'Quá hạn quyết định cuối kỳ', en: 'Decision overdue at the period end' },
  'approvals.decided': { vi: 'Đã quyết định', en: 'Decided' },
  'approvals.decidedOnTime': { vi: 'Quyết định đúng hạn', en: 'Decided on time' },
  'approvals.decidedLate': { vi: 'Quyết định quá hạn', en: 'Decided late' },
  'approvals.medianDays': { vi: 'Số ngày nộp → quyết định (trung vị)', en: 'Days from submission to decision (median)' },
  'approvals.p90Days': { vi: 'Số ngày nộp → quyết định (phân vị 90)', en: 'Days from submission to decision (90th percentile)' },
  'approvals.maxDays': { vi: 'Số ngày nộp → quyết định (dài nhất)', en: 'Days from submission to decision (longest)' },
  'consultations.opened': { vi: 'Đợt lấy ý kiến đã mở', en: 'Consultations opened' },
  'consultations.closed': { vi: 'Đợt lấy ý kiến đã kết thúc', en: 'Consultations closed' },
  'consultations.critiques': { vi: 'Phản biện xã hội', en: 'Social critiques' },
  'consultations.commentsReceived': { vi: 'Ý kiến nhận được', en: 'Comments received' },
  'consultations.commentsAccepted': { vi: 'Ý kiến được tiếp thu', en: 'Comments accepted' },
  'consultations.commentsPartlyAccepted': { vi: 'Ý kiến tiếp thu một phần', en: 'Comments partly accepted' },
  'consultations.commentsNotAccepted': { vi: 'Ý kiến không tiếp thu', en: 'Comments not accepted' },
  'votes.held': { vi: 'Cuộc biểu quyết', en: 'Votes held' },
  'votes.adopted': { vi: 'Biểu quyết thông qua', en: 'Votes adopting the text' },
  'votes.quorumMissed': { vi: 'Biểu quyết không đủ số hộ dự', en: 'Votes short of quorum' },
  'votes.households': { vi: 'Số hộ của các cuộc biểu quyết', en: 'Households of the votes' },
  'votes.present': { vi: 'Số hộ dự họp', en: 'Households present' },
  'votes.approving': { vi: 'Số hộ tán thành', en: 'Households approving' },
  'votes.turnoutRate': { vi: 'Tỷ lệ hộ dự họp', en: 'Turnout of households' },
  'votes.approvalRate': { vi: 'Tỷ lệ hộ tán thành', en: 'Households approving, of all households' },
};

/** The figure's words in both languages; throws for a path that is not a figure, so a new metric cannot go unnamed. */
export function figureLabel(path: string): Words {
  const [group, breakdown, first, second] = path.split('.');
  if (group === 'regulations' && breakdown === 'byStage' && isStage(first)) {
    return { vi: `Giai đoạn: ${stageLabels.vi[first]}`, en: `Stage: ${stageLabels.en[first]}` };
  }
  if (group === 'regulations' && breakdown === 'byKind' && isStage(second)) {
    const kind = kindOf(first as KindId);
    return { vi: `${kind.nameVi}: ${lowerFirst(stageLabels.vi[second], 'vi')}`, en: `${kind.name}: ${lowerFirst(stageLabels.en[second], 'en')}` };
  }
  const words = fixed[path];
  if (!words) throw new Error(`No words for the summary figure ${path}`);
  return words;
}

/** Who the figure is counted for: the whole area, or a ward by its name. */
export function scopeLabel(scope: string, wardName: string | undefined): Words {
  if (scope === 'area') return { vi: 'Toàn địa bàn', en: 'Whole area' };
  return { vi: wardName ?? scope, en: wardName ?? scope };
}

function isStage(value: string | undefined): value is Stage {
  return value !== undefined && value in stageLabels.vi;
}

function lowerFirst(text: string, language: Language): string {
  return text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
}

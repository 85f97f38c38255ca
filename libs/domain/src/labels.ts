/** The words for the lifecycle's stages in each language: one list, used by the report exports and the web app. */
import type { Stage } from './state';

export type Language = 'vi' | 'en';

export const stageLabels: Readonly<Record<Language, Readonly<Record<Stage, string>>>> = {
  vi: {
    none: 'Chưa khởi thảo',
    drafting: 'Đang soạn thảo',
    consultation: 'Đang lấy ý kiến',
    revising: 'Đang tiếp thu, chỉnh lý',
    voting: 'Chờ biểu quyết lại',
    adopted: 'Đã thông qua',
    submitted: 'Đã nộp hồ sơ',
    under_review: 'Đang thẩm định',
    in_force: 'Có hiệu lực',
    suspended: 'Tạm ngừng',
    repealed: 'Bãi bỏ',
    withdrawn: 'Rút dự thảo',
  },
  en: {
    none: 'Not started',
    drafting: 'Drafting',
    consultation: 'In consultation',
    revising: 'Revising',
    voting: 'Awaiting another vote',
    adopted: 'Adopted',
    submitted: 'Dossier submitted',
    under_review: 'Under review',
    in_force: 'In force',
    suspended: 'Suspended',
    repealed: 'Repealed',
    withdrawn: 'Withdrawn',
  },
};

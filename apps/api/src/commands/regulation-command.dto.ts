/**
 * Request bodies of the lifecycle commands: one DTO per command, made from the domain's command schema (the rules
 * `validateCommand` walks) with the descriptions and examples of the API's documentation.
 */
import { dossierDocumentTypes, regulationKinds } from '@app/domain';
import { commandDto } from './command-dto.factory';

export class CreateDraftDto extends commandDto('CreateDraft', {
  regulationId: {
    optional: true,
    description: 'Chosen by the client; when absent it is derived from the Idempotency-Key (or random without one)',
    example: 'hang-bac-tdp3-nep-song-van-minh',
  },
  wardCode: {
    description: 'Ward or commune code from the catalogue (`wards` of GET /catalogue), valid on `startedOn`: else UNIT.UNKNOWN, UNIT.NOT_A_WARD or UNIT.NOT_VALID_ON_DATE',
    example: 'hoan-kiem-2025',
  },
  kind: { description: `Kind: ${regulationKinds.map((k) => k.id).join(' | ')}`, example: 'community_convention' },
  title: { example: 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp' },
  text: { example: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.' },
  residentialGroup: { example: 'Tổ dân phố số 3' },
  startedOn: { description: 'The day drafting started: pins the legal regime; not in the future' },
}) {}

export class ReviseDraftDto extends commandDto('ReviseDraft', {
  summary: { description: 'What changed in this revision', example: 'Tiếp thu ý kiến về giờ giữ trật tự' },
}) {}

export class OpenConsultationDto extends commandDto('OpenConsultation', {
  openedOn: {
    description: 'The day the draft was posted publicly, when recorded afterwards (between the draft start and today); the window counts from it. Default: now',
  },
  days: { description: 'Calendar days of public posting; at least the regime minimum (30)', example: 30 },
  channels: { example: ['meeting', 'online'] },
}) {}

export class ExtendConsultationDto extends commandDto('ExtendConsultation', { days: { example: 10 } }) {}

export class CloseConsultationDto extends commandDto('CloseConsultation') {}

export class RecordCommentDto extends commandDto('RecordComment', {
  commentId: { example: 'c-001' },
  content: { example: 'Đề nghị bổ sung quy định về giờ giữ trật tự sau 22 giờ.' },
}) {}

export class SubmitCritiqueDto extends commandDto('SubmitCritique', { content: { description: 'The Fatherland Front social critique' } }) {}

export class RecordDispositionDto extends commandDto('RecordDisposition', {
  commentId: { example: 'c-001' },
  reason: { description: 'Required unless the comment is fully accepted (422 COMMENT.REASON_REQUIRED)' },
}) {}

export class RecordVoteDto extends commandDto('RecordVote', {
  method: { description: 'household_ballot only after a meeting that missed quorum' },
  totalHouseholds: { example: 120 },
  present: { example: 80 },
  approving: { example: 75 },
}) {}

export class RecordConferenceDto extends commandDto('RecordConference', {
  heldOn: { description: 'Not before the consultation closed, not in the future' },
  form: { description: 'plenary: all staff (fewer than 100: Law 10/2022 art. 51(2)); delegates otherwise' },
  convened: { example: 60, description: 'Staff or delegates convened (at least 1)' },
  present: { example: 45, description: 'Present: at least 2/3 of those convened for a valid conference (unconfirmed rule)' },
  approving: { example: 40, description: 'Approving: more than 1/2 of those present adopts the draft (unconfirmed rule)' },
}) {}

export class SubmitDossierDto extends commandDto('SubmitDossier', {
  documents: {
    description: "The pinned regime's dossierDocuments are required (all three under every regime; 422 DOSSIER.INCOMPLETE)",
    example: [...dossierDocumentTypes],
  },
}) {}

export class StartReviewDto extends commandDto('StartReview') {}

export class RecognizeDto extends commandDto('Recognize', { decisionNo: { example: '15/QĐ-UBND' } }) {}

export class ReturnDossierDto extends commandDto('ReturnDossier') {}

export class WithdrawDto extends commandDto('Withdraw') {}

export class RecordAnnualReviewDto extends commandDto('RecordAnnualReview', { decisionNo: { description: 'Required when the outcome is repeal' } }) {}

export class StartAmendmentDto extends commandDto('StartAmendment') {}

export class ReceiveComplaintDto extends commandDto('ReceiveComplaint', {
  complaintId: { description: 'Chosen by the ward (e.g. its incoming document number)', example: 'don-2026-014' },
  receivedOn: { description: 'The day the committee received it: the 3 working days to answer run from it (Decree 61/2023 art. 12(2))' },
  summary: { example: 'Điều 5 quy định mức phạt tiền trái pháp luật' },
}) {}

export class DismissComplaintDto extends commandDto('DismissComplaint', {
  complaintId: { example: 'don-2026-014' },
  reason: { description: 'Why the complaint has no basis' },
}) {}

export class SuspendDto extends commandDto('Suspend', {
  complaintId: { description: 'The open complaint or finding this suspension decides', example: 'don-2026-014' },
  decisionNo: { description: 'The suspension decision', example: '45/QĐ-UBND' },
  ground: { description: 'procedure (art. 8–10): the whole text; content (contrary to art. 3–4): the parts' },
  articles: { description: 'The articles suspended: required for a partial suspension' },
  until: { description: 'The end of the suspension period, when the decision sets one' },
  redraftDueOn: { description: 'The deadline for redrafting; when it passes without a recognized redraft the committee repeals (art. 14)' },
}) {}

export class RepealDto extends commandDto('Repeal', {
  ground: {
    description: 'Required for a convention (Decree 61/2023 art. 14): in force, unlawful_content or vote_threshold_not_met; suspended, redraft_deadline_passed',
  },
  scope: { description: 'whole (default) or part' },
  articles: { description: 'The articles repealed: required for a partial repeal' },
}) {}

const taskIdExample = 'hang-bac-qu-tdp7:dossier_decision:12';

export class ClaimTaskDto extends commandDto('ClaimTask', {
  taskId: { description: 'A pending task of this regulation (GET /inbox, or the regulation’s `tasks`)', example: taskIdExample },
}) {}

export class ReleaseTaskDto extends commandDto('ReleaseTask', { taskId: { example: taskIdExample } }) {}

export class ReassignTaskDto extends commandDto('ReassignTask', {
  taskId: { example: taskIdExample },
  assigneeId: { description: 'The person of the deciding body who takes the task (their token’s `sub`)', example: 'chair-hang-bac' },
}) {}

export class RecordProposalDto extends commandDto('RecordProposal', {
  proposedOn: { description: 'The day the content was proposed; not in the future' },
  proposer: { description: 'group_head (Decree 61/2023 art. 7(1)) or residents (art. 7(2))' },
  content: { description: 'The basic content proposed', example: 'Giữ gìn vệ sinh chung, giờ đổ rác' },
  frontHeadAgreedOn: { description: "The group head's proposal: the day the Front work committee head agreed (art. 7(1)); else 422 PROPOSAL.FRONT_AGREEMENT_REQUIRED" },
  consultationMethod: {
    description: "Residents' proposal: how the households were asked (art. 7(2)(a) ballot, (b) meeting); the four consultation fields together, else 422 PROPOSAL.CONSULTATION_REQUIRED",
  },
  consultationHeldOn: { description: "Residents' proposal: the day of the ballot or meeting, not before the proposal" },
  totalHouseholds: { example: 120 },
  agreeing: { description: 'Households that agreed to draft', example: 80 },
}) {}

export class FormDraftingGroupDto extends commandDto('FormDraftingGroup', {
  formedOn: { description: 'The day the group head and the Front head formed the group (Decree 61/2023 art. 8(1)); not before the proposal' },
  members: {
    description: 'Its members and whom they represent (art. 8(2))',
    example: [{ name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' }],
  },
}) {}

export class ChooseNameDto extends commandDto('ChooseName', {
  name: { description: 'Hương ước or Quy ước, as the community decided (Decree 61/2023 art. 6(2))' },
}) {}

export class RecordSignaturesDto extends commandDto('RecordSignatures', {
  signedOn: { description: 'Not before the adopting vote' },
  groupHead: { example: 'Lê Văn Cường' },
  frontHead: { example: 'Phạm Thị Dung' },
  householdRepresentatives: {
    description: 'Two household representatives (Decree 61/2023 art. 6(1)); another number is 422 SIGNATURES.INCOMPLETE',
    example: ['Hoàng Văn Em', 'Vũ Thị Giang'],
  },
}) {}

export class StampTextDto extends commandDto('StampText', {
  stampedOn: { description: 'The day the commune committee stamped the recognized text across its pages (giáp lai, Decree 61/2023 art. 6(1))' },
}) {}

export class AgreeReviewDayDto extends commandDto('AgreeReviewDay', {
  agreedOn: { description: 'The day the community agreed it (Decree 61/2023 art. 15(4)(a))' },
  month: { description: 'The month of the annual review', example: 3 },
  day: { description: 'The day of that month; a day not in every year (e.g. 29 February) is 400 COMMAND.INVALID', example: 26 },
}) {}

export class RecordDisclosureDto extends commandDto('RecordDisclosure', {
  subject: {
    description: 'ballot_results: a household ballot of the cycle (Decree 61/2023 art. 10(2)(b)); recognized_text: the text in force (art. 15); else 422 DISCLOSURE.NOT_APPLICABLE',
  },
  place: { description: 'Where or how it was made public', example: 'Bảng tin nhà văn hóa TDP số 3' },
}) {}

/** Request bodies of the lifecycle commands: one DTO per command, the same field rules as the domain's `validateCommand`. */
import {
  commentChannels,
  conferenceForms,
  complaintSources,
  conventionNames,
  disclosureSubjects,
  proposalConsultationMethods,
  proposers,
  dispositions,
  dossierDocumentTypes,
  limits,
  regulationKinds,
  repealGrounds,
  suspensionGrounds,
  suspensionScopes,
  voteMethods,
} from '@app/domain';
import { DateField, IdField, IntField, ListField, MemberListField, OneOfField, RequiredWhen, TextField, TextListField } from '../http/field.decorators';

/** Fields every command body may carry besides its own: they go into the envelope, not the command. */
export class CommandOptionsDto {
  @IntField(0, 2_147_483_647, {
    optional: true,
    description: 'The version the client saw; a different current version refuses the command (409). Same as `If-Match`.',
  })
  expectedVersion?: number;

  @TextField(limits.reason, { optional: true, description: 'The legal basis of this step, recorded on the timeline', example: 'Nghị định 61/2023/NĐ-CP, Điều 5' })
  legalBasis?: string;
}

export class CreateDraftDto extends CommandOptionsDto {
  @IdField({
    optional: true,
    description: 'Chosen by the client; when absent it is derived from the Idempotency-Key (or random without one)',
    example: 'hang-bac-tdp3-nep-song-van-minh',
  })
  regulationId?: string;

  @TextField(limits.id, {
    description: 'Ward or commune code from the catalogue (`wards` of GET /catalogue), valid on `startedOn`: else UNIT.UNKNOWN, UNIT.NOT_A_WARD or UNIT.NOT_VALID_ON_DATE',
    example: 'hoan-kiem-2025',
  })
  wardCode!: string;

  @TextField(limits.id, { description: `Kind: ${regulationKinds.map((k) => k.id).join(' | ')}`, example: 'community_convention' })
  kind!: string;

  @TextField(limits.title, { example: 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp' })
  title!: string;

  @TextField(limits.text, { example: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.' })
  text!: string;

  @TextField(limits.title, { optional: true, example: 'Tổ dân phố số 3' })
  residentialGroup?: string;

  @DateField({ description: 'The day drafting started: pins the legal regime; not in the future' })
  startedOn!: string;
}

export class ReviseDraftDto extends CommandOptionsDto {
  @TextField(limits.title, { optional: true })
  title?: string;

  @TextField(limits.text)
  text!: string;

  @TextField(limits.reason, { description: 'What changed in this revision', example: 'Tiếp thu ý kiến về giờ giữ trật tự' })
  summary!: string;
}

export class OpenConsultationDto extends CommandOptionsDto {
  @DateField({
    optional: true,
    description: 'The day the draft was posted publicly, when recorded afterwards (between the draft start and today); the window counts from it. Default: now',
  })
  openedOn?: string;

  @IntField(1, limits.consultationDays, { description: 'Calendar days of public posting; at least the regime minimum (30)', example: 30 })
  days!: number;

  @ListField(commentChannels, { minSize: 1, example: ['meeting', 'online'] })
  channels!: string[];
}

export class ExtendConsultationDto extends CommandOptionsDto {
  @IntField(1, limits.consultationDays, { example: 10 })
  days!: number;

  @TextField(limits.reason)
  reason!: string;
}

export class CloseConsultationDto extends CommandOptionsDto {}

export class RecordCommentDto extends CommandOptionsDto {
  @IdField({ example: 'c-001' })
  commentId!: string;

  @OneOfField(commentChannels)
  channel!: string;

  @TextField(limits.content, { example: 'Đề nghị bổ sung quy định về giờ giữ trật tự sau 22 giờ.' })
  content!: string;

  @DateField()
  receivedOn!: string;
}

export class SubmitCritiqueDto extends CommandOptionsDto {
  @TextField(limits.text, { description: 'The Fatherland Front social critique' })
  content!: string;

  @DateField()
  submittedOn!: string;
}

export class RecordDispositionDto extends CommandOptionsDto {
  @IdField({ example: 'c-001' })
  commentId!: string;

  @OneOfField(dispositions)
  disposition!: string;

  @TextField(limits.reason, { optional: true, description: 'Required unless the comment is fully accepted (422 COMMENT.REASON_REQUIRED)' })
  reason?: string;
}

export class RecordVoteDto extends CommandOptionsDto {
  @OneOfField(voteMethods, { description: 'household_ballot only after a meeting that missed quorum' })
  method!: string;

  @DateField()
  heldOn!: string;

  @IntField(0, limits.households, { example: 120 })
  totalHouseholds!: number;

  @IntField(0, limits.households, { example: 80 })
  present!: number;

  @IntField(0, limits.households, { example: 75 })
  approving!: number;
}

export class RecordConferenceDto extends CommandOptionsDto {
  @DateField({ description: 'Not before the consultation closed, not in the future' })
  heldOn!: string;

  @OneOfField(conferenceForms, { description: 'plenary: all staff (fewer than 100: Law 10/2022 art. 51(2)); delegates otherwise' })
  form!: string;

  @IntField(0, limits.staff, { example: 60, description: 'Staff or delegates convened (at least 1)' })
  convened!: number;

  @IntField(0, limits.staff, { example: 45, description: 'Present: at least 2/3 of those convened for a valid conference (unconfirmed rule)' })
  present!: number;

  @IntField(0, limits.staff, { example: 40, description: 'Approving: more than 1/2 of those present adopts the draft (unconfirmed rule)' })
  approving!: number;
}

export class SubmitDossierDto extends CommandOptionsDto {
  @DateField()
  submittedOn!: string;

  @ListField(dossierDocumentTypes, {
    description: "The pinned regime's dossierDocuments are required (all three under every regime; 422 DOSSIER.INCOMPLETE)",
    example: [...dossierDocumentTypes],
  })
  documents!: string[];
}

export class StartReviewDto extends CommandOptionsDto {}

export class RecognizeDto extends CommandOptionsDto {
  @TextField(limits.id, { example: '15/QĐ-UBND' })
  decisionNo!: string;

  @DateField()
  decidedOn!: string;
}

export class ReturnDossierDto extends CommandOptionsDto {
  @DateField()
  returnedOn!: string;

  @TextField(limits.reason)
  reasons!: string;
}

export class WithdrawDto extends CommandOptionsDto {
  @TextField(limits.reason)
  reason!: string;
}

const reviewOutcomes = ['keep', 'amend', 'suspend', 'repeal'] as const;

export class RecordAnnualReviewDto extends CommandOptionsDto {
  @OneOfField(reviewOutcomes)
  outcome!: (typeof reviewOutcomes)[number];

  @DateField()
  reviewedOn!: string;

  @TextField(limits.reason)
  notes!: string;

  @RequiredWhen<RecordAnnualReviewDto>((dto) => dto.outcome === 'repeal', 'decisionNo')
  @TextField(limits.id, { conditional: true, description: 'Required when the outcome is repeal' })
  decisionNo?: string;
}

export class StartAmendmentDto extends CommandOptionsDto {
  @TextField(limits.title, { optional: true })
  title?: string;

  @TextField(limits.text)
  text!: string;

  @DateField()
  startedOn!: string;

  @TextField(limits.reason)
  reason!: string;
}

export class ReceiveComplaintDto extends CommandOptionsDto {
  @IdField({ description: 'Chosen by the ward (e.g. its incoming document number)', example: 'don-2026-014' })
  complaintId!: string;

  @DateField({ description: 'The day the committee received it: the 3 working days to answer run from it (Decree 61/2023 art. 12(2))' })
  receivedOn!: string;

  @OneOfField(complaintSources)
  source!: string;

  @TextField(limits.reason, { example: 'Điều 5 quy định mức phạt tiền trái pháp luật' })
  summary!: string;
}

export class DismissComplaintDto extends CommandOptionsDto {
  @IdField({ example: 'don-2026-014' })
  complaintId!: string;

  @DateField()
  answeredOn!: string;

  @TextField(limits.reason, { description: 'Why the complaint has no basis' })
  reason!: string;
}

export class SuspendDto extends CommandOptionsDto {
  @IdField({ description: 'The open complaint or finding this suspension decides', example: 'don-2026-014' })
  complaintId!: string;

  @TextField(limits.id, { description: 'The suspension decision', example: '45/QĐ-UBND' })
  decisionNo!: string;

  @DateField()
  suspendedOn!: string;

  @OneOfField(suspensionGrounds, { description: 'procedure (art. 8–10): the whole text; content (contrary to art. 3–4): the parts' })
  ground!: string;

  @OneOfField(suspensionScopes)
  scope!: string;

  @RequiredWhen<SuspendDto>((dto) => dto.scope === 'part', 'articles')
  @TextListField(limits.title, { conditional: true, minSize: 1, maxSize: limits.articles, description: 'The articles suspended: required for a partial suspension' })
  articles?: string[];

  @DateField({ optional: true, description: 'The end of the suspension period, when the decision sets one' })
  until?: string;

  @DateField({ description: 'The deadline for redrafting; when it passes without a recognized redraft the committee repeals (art. 14)' })
  redraftDueOn!: string;

  @TextField(limits.reason)
  reason!: string;
}

export class RepealDto extends CommandOptionsDto {
  @DateField()
  repealedOn!: string;

  @TextField(limits.id)
  decisionNo!: string;

  @OneOfField(repealGrounds, {
    optional: true,
    description: 'Required for a convention (Decree 61/2023 art. 14): in force, unlawful_content or vote_threshold_not_met; suspended, redraft_deadline_passed',
  })
  ground?: string;

  @OneOfField(suspensionScopes, { optional: true, description: 'whole (default) or part' })
  scope?: string;

  @RequiredWhen<RepealDto>((dto) => dto.scope === 'part', 'articles')
  @TextListField(limits.title, { conditional: true, minSize: 1, maxSize: limits.articles, description: 'The articles repealed: required for a partial repeal' })
  articles?: string[];

  @TextField(limits.reason)
  reason!: string;
}

const taskIdExample = 'hang-bac-qu-tdp7:dossier_decision:12';

export class ClaimTaskDto extends CommandOptionsDto {
  @IdField({ max: limits.taskId, description: 'A pending task of this regulation (GET /inbox, or the regulation’s `tasks`)', example: taskIdExample })
  taskId!: string;
}

export class ReleaseTaskDto extends CommandOptionsDto {
  @IdField({ max: limits.taskId, example: taskIdExample })
  taskId!: string;
}

export class ReassignTaskDto extends CommandOptionsDto {
  @IdField({ max: limits.taskId, example: taskIdExample })
  taskId!: string;

  @IdField({ description: 'The person of the deciding body who takes the task (their token’s `sub`)', example: 'chair-hang-bac' })
  assigneeId!: string;
}

export class RecordProposalDto extends CommandOptionsDto {
  @DateField({ description: 'The day the content was proposed; not in the future' })
  proposedOn!: string;

  @OneOfField(proposers, { description: 'group_head (Decree 61/2023 art. 7(1)) or residents (art. 7(2))' })
  proposer!: string;

  @TextField(limits.content, { description: 'The basic content proposed', example: 'Giữ gìn vệ sinh chung, giờ đổ rác' })
  content!: string;

  @DateField({ optional: true, description: "The group head's proposal: the day the Front work committee head agreed (art. 7(1)); else 422 PROPOSAL.FRONT_AGREEMENT_REQUIRED" })
  frontHeadAgreedOn?: string;

  @OneOfField(proposalConsultationMethods, {
    optional: true,
    description: "Residents' proposal: how the households were asked (art. 7(2)(a) ballot, (b) meeting); the four consultation fields together, else 422 PROPOSAL.CONSULTATION_REQUIRED",
  })
  consultationMethod?: string;

  @DateField({ optional: true, description: "Residents' proposal: the day of the ballot or meeting, not before the proposal" })
  consultationHeldOn?: string;

  @IntField(1, limits.households, { optional: true, example: 120 })
  totalHouseholds?: number;

  @IntField(0, limits.households, { optional: true, description: 'Households that agreed to draft', example: 80 })
  agreeing?: number;
}

export class FormDraftingGroupDto extends CommandOptionsDto {
  @DateField({ description: 'The day the group head and the Front head formed the group (Decree 61/2023 art. 8(1)); not before the proposal' })
  formedOn!: string;

  @MemberListField({
    description: 'Its members and whom they represent (art. 8(2))',
    example: [{ name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' }],
  })
  members!: { name: string; represents: string }[];
}

export class ChooseNameDto extends CommandOptionsDto {
  @OneOfField(conventionNames, { description: 'Hương ước or Quy ước, as the community decided (Decree 61/2023 art. 6(2))' })
  name!: string;

  @DateField()
  decidedOn!: string;
}

export class RecordSignaturesDto extends CommandOptionsDto {
  @DateField({ description: 'Not before the adopting vote' })
  signedOn!: string;

  @TextField(limits.title, { example: 'Lê Văn Cường' })
  groupHead!: string;

  @TextField(limits.title, { example: 'Phạm Thị Dung' })
  frontHead!: string;

  @TextListField(limits.title, {
    maxSize: limits.members,
    description: 'Two household representatives (Decree 61/2023 art. 6(1)); another number is 422 SIGNATURES.INCOMPLETE',
    example: ['Hoàng Văn Em', 'Vũ Thị Giang'],
  })
  householdRepresentatives!: string[];
}

export class StampTextDto extends CommandOptionsDto {
  @DateField({ description: 'The day the commune committee stamped the recognized text across its pages (giáp lai, Decree 61/2023 art. 6(1))' })
  stampedOn!: string;
}

export class AgreeReviewDayDto extends CommandOptionsDto {
  @DateField({ description: 'The day the community agreed it (Decree 61/2023 art. 15(4)(a))' })
  agreedOn!: string;

  @IntField(1, 12, { description: 'The month of the annual review', example: 3 })
  month!: number;

  @IntField(1, 31, { description: 'The day of that month; a day not in every year (e.g. 29 February) is 400 COMMAND.INVALID', example: 26 })
  day!: number;
}

export class RecordDisclosureDto extends CommandOptionsDto {
  @OneOfField(disclosureSubjects, {
    description: 'ballot_results: a household ballot of the cycle (Decree 61/2023 art. 10(2)(b)); recognized_text: the text in force (art. 15); else 422 DISCLOSURE.NOT_APPLICABLE',
  })
  subject!: string;

  @DateField()
  disclosedOn!: string;

  @TextField(limits.title, { description: 'Where or how it was made public', example: 'Bảng tin nhà văn hóa TDP số 3' })
  place!: string;
}

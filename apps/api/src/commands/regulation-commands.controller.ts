/** One POST per lifecycle command; each waits for the Temporal Update, so the answer reflects committed events. */
import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ApiCommandType } from '../auth/access.decorators';
import type { CommandResult } from '../../../../workflows/messages';
import { Access } from '../auth/access.decorators';
import { VersionEtagInterceptor } from '../http/version-etag.interceptor';
import { RegulationIdPipe } from '../http/regulation-id.pipe';
import { ApiCommandHeaders, ApiErrors, commonCommandErrors } from '../openapi/api-docs.decorators';
import { CommandHeaders, CommandHeadersParam } from './command-headers.decorator';
import { CommandResultDto } from './command-result.dto';
import {
  ClaimTaskDto,
  CloseConsultationDto,
  CreateDraftDto,
  ExtendConsultationDto,
  OpenConsultationDto,
  RecognizeDto,
  RecordAnnualReviewDto,
  RecordCommentDto,
  RecordDispositionDto,
  RecordVoteDto,
  RecordConferenceDto,
  ReassignTaskDto,
  ReleaseTaskDto,
  RepealDto,
  ReturnDossierDto,
  ReviseDraftDto,
  StartAmendmentDto,
  StartReviewDto,
  SubmitCritiqueDto,
  SubmitDossierDto,
  SuspendDto,
  ReceiveComplaintDto,
  DismissComplaintDto,
  WithdrawDto,
  RecordProposalDto,
  FormDraftingGroupDto,
  ChooseNameDto,
  RecordSignaturesDto,
  StampTextDto,
  RecordDisclosureDto,
  AgreeReviewDayDto,
} from './regulation-command.dto';
import { RegulationCommandsService } from './regulation-commands.service';

/** Route, status and OpenAPI description of one lifecycle command: `POST /regulations/:id/<kebab-case type>`. */
function Command(type: ApiCommandType, summary: string, ...codes: string[]): MethodDecorator {
  return (target, key, descriptor) => {
    Access.command(type)(target, key, descriptor);
    ApiOperation({ summary, operationId: type })(target, key, descriptor);
    ApiParam({ name: 'id', description: 'Regulation id', example: 'hang-bac-tdp3-nep-song-van-minh' })(target, key, descriptor);
    ApiOkResponse({ type: CommandResultDto, description: 'Committed: the new version (also the ETag), stage and next actions' })(target, key, descriptor);
    ApiErrors(...commonCommandErrors, 'REGULATION.NOT_FOUND', ...codes)(target, key, descriptor);
    HttpCode(HttpStatus.OK)(target, key, descriptor);
    Post(`:id/${type.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}`)(target, key, descriptor);
  };
}

@ApiTags('commands')
@ApiCommandHeaders()
@UseInterceptors(VersionEtagInterceptor)
@Controller('regulations')
export class RegulationCommandsController {
  constructor(private readonly commands: RegulationCommandsService) {}

  @Post()
  @Access.command('CreateDraft')
  @ApiOperation({ summary: 'Create a draft (the regulation and its workflow) in one of the caller’s wards', operationId: 'CreateDraft' })
  @ApiCreatedResponse({ type: CommandResultDto, description: 'Drafted; Location names the regulation' })
  @ApiErrors(
    ...commonCommandErrors,
    'REGULATION.ALREADY_EXISTS',
    'UNIT.UNKNOWN',
    'UNIT.NOT_A_WARD',
    'UNIT.NOT_VALID_ON_DATE',
    'REGULATION.UNKNOWN_KIND',
    'REGIME.NOT_IN_FORCE',
  )
  async createDraft(
    @Body() dto: CreateDraftDto,
    @CommandHeadersParam() headers: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResult> {
    const result = await this.commands.create(dto, headers);
    res.location(`/regulations/${encodeURIComponent(result.regulationId)}`);
    return result;
  }

  @Command('ReviseDraft', 'Revise the draft text (drafting or revising)')
  reviseDraft(@Param('id', RegulationIdPipe) id: string, @Body() dto: ReviseDraftDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ReviseDraft', dto, h);
  }

  @Command('OpenConsultation', 'Post the draft publicly for comments', 'CONSULTATION.WINDOW_TOO_SHORT')
  openConsultation(@Param('id', RegulationIdPipe) id: string, @Body() dto: OpenConsultationDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'OpenConsultation', dto, h);
  }

  @Command('ExtendConsultation', 'Extend the consultation window')
  extendConsultation(@Param('id', RegulationIdPipe) id: string, @Body() dto: ExtendConsultationDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ExtendConsultation', dto, h);
  }

  @Command('CloseConsultation', 'Close the consultation early, once its legal minimum has passed', 'CONSULTATION.MINIMUM_NOT_REACHED')
  @ApiBody({ type: CloseConsultationDto, required: false, description: 'No fields of its own; expectedVersion and legalBasis may be sent' })
  closeConsultation(@Param('id', RegulationIdPipe) id: string, @Body() dto: CloseConsultationDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'CloseConsultation', dto, h);
  }

  @Command('RecordComment', 'Record a resident comment received during the consultation', 'COMMENT.DUPLICATE')
  recordComment(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordCommentDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordComment', dto, h);
  }

  @Command('SubmitCritique', 'Record the Fatherland Front social critique')
  submitCritique(@Param('id', RegulationIdPipe) id: string, @Body() dto: SubmitCritiqueDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'SubmitCritique', dto, h);
  }

  @Command('RecordDisposition', 'Record how a comment was taken into account', 'COMMENT.UNKNOWN', 'COMMENT.REASON_REQUIRED')
  recordDisposition(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordDispositionDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordDisposition', dto, h);
  }

  @Command(
    'RecordVote',
    'Record the community vote (meeting, or household ballot after a meeting without quorum)',
    'COMMENT.DISPOSITIONS_MISSING',
    'VOTE.TALLY_INCONSISTENT',
    'VOTE.BALLOT_NOT_ALLOWED',
  )
  recordVote(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordVoteDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordVote', dto, h);
  }

  @Command(
    'RecordConference',
    'Record the conference of officials and employees that discussed an agency’s or unit’s regulation (Law 10/2022 art. 51)',
    'COMMENT.DISPOSITIONS_MISSING',
    'CONFERENCE.TALLY_INCONSISTENT',
  )
  recordConference(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordConferenceDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordConference', dto, h);
  }

  @Command('SubmitDossier', 'Submit the recognition dossier to the ward', 'DOSSIER.INCOMPLETE')
  submitDossier(@Param('id', RegulationIdPipe) id: string, @Body() dto: SubmitDossierDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'SubmitDossier', dto, h);
  }

  @Command('StartReview', 'Start the review of a submitted dossier')
  @ApiBody({ type: StartReviewDto, required: false, description: 'No fields of its own; expectedVersion and legalBasis may be sent' })
  startReview(@Param('id', RegulationIdPipe) id: string, @Body() dto: StartReviewDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'StartReview', dto, h);
  }

  @Command(
    'Recognize',
    'Recognize (convention) or promulgate (ward regulation); for an agency’s or an enterprise’s regulation, record its head’s or the employer’s issuing decision: the text enters into force',
    'COMMENT.DISPOSITIONS_MISSING',
    'CRITIQUE.REQUIRED',
    'DECISION.DATE_BEFORE_SUBMISSION',
  )
  recognize(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecognizeDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'Recognize', dto, h);
  }

  @Command('ReturnDossier', 'Return the dossier with reasons, back to revising')
  returnDossier(@Param('id', RegulationIdPipe) id: string, @Body() dto: ReturnDossierDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ReturnDossier', dto, h);
  }

  @Command('Withdraw', 'Withdraw the draft, or the amendment under way')
  withdraw(@Param('id', RegulationIdPipe) id: string, @Body() dto: WithdrawDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'Withdraw', dto, h);
  }

  @Command('RecordAnnualReview', 'Record the annual review outcome: keep or amend (a democracy regulation: also repeal)', 'REVIEW.NOT_DUE', 'REVIEW.OUTCOME_NOT_ALLOWED')
  recordAnnualReview(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordAnnualReviewDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordAnnualReview', dto, h);
  }

  @Command('StartAmendment', 'Start amending a text in force (the old text stays in force)', 'REGIME.NOT_IN_FORCE')
  startAmendment(@Param('id', RegulationIdPipe) id: string, @Body() dto: StartAmendmentDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'StartAmendment', dto, h);
  }

  @Command(
    'RecordProposal',
    "Record the proposal to draft: the group head's with the Front head's agreement, or residents' and the households' ballot or meeting on it (Decree 61/2023 art. 7)",
    'PROPOSAL.FRONT_AGREEMENT_REQUIRED',
    'PROPOSAL.CONSULTATION_REQUIRED',
  )
  recordProposal(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordProposalDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordProposal', dto, h);
  }

  @Command('FormDraftingGroup', 'Record the drafting group formed by the group head with the Front head, and its members (Decree 61/2023 art. 8)')
  formDraftingGroup(@Param('id', RegulationIdPipe) id: string, @Body() dto: FormDraftingGroupDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'FormDraftingGroup', dto, h);
  }

  @Command('ChooseName', "Record the community's choice of name, hương ước or quy ước, before the adoption (Decree 61/2023 art. 6(2))")
  chooseName(@Param('id', RegulationIdPipe) id: string, @Body() dto: ChooseNameDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ChooseName', dto, h);
  }

  @Command('RecordSignatures', 'Record the adopted text signed by the group head, the Front head and two household representatives (Decree 61/2023 art. 6(1))', 'SIGNATURES.INCOMPLETE')
  recordSignatures(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordSignaturesDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordSignatures', dto, h);
  }

  @Command('StampText', "Record the commune committee's stamp across the recognized text's pages (giáp lai, Decree 61/2023 art. 6(1))")
  stampText(@Param('id', RegulationIdPipe) id: string, @Body() dto: StampTextDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'StampText', dto, h);
  }

  @Command('RecordDisclosure', 'Record a household ballot\'s results made public (Decree 61/2023 art. 10(2)(b)) or the recognized text posted (art. 15)', 'DISCLOSURE.NOT_APPLICABLE')
  recordDisclosure(@Param('id', RegulationIdPipe) id: string, @Body() dto: RecordDisclosureDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'RecordDisclosure', dto, h);
  }

  @Command('AgreeReviewDay', "Record the day the community agreed for its annual review instead of 18 November (Decree 61/2023 art. 15(4)(a))")
  agreeReviewDay(@Param('id', RegulationIdPipe) id: string, @Body() dto: AgreeReviewDayDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'AgreeReviewDay', dto, h);
  }

  @Command('ReceiveComplaint', 'Record a written complaint, or a review or inspection finding, about a convention in force (Decree 61/2023 art. 12(2))')
  receiveComplaint(@Param('id', RegulationIdPipe) id: string, @Body() dto: ReceiveComplaintDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ReceiveComplaint', dto, h);
  }

  @Command('DismissComplaint', 'Answer that the open complaint has no basis (Decree 61/2023 art. 12(2))', 'COMPLAINT.NOT_OPEN')
  dismissComplaint(@Param('id', RegulationIdPipe) id: string, @Body() dto: DismissComplaintDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'DismissComplaint', dto, h);
  }

  @Command(
    'Suspend',
    'Suspend a convention on the open complaint, in whole (procedure) or in part (content), with the redraft deadline (Decree 61/2023 art. 12)',
    'COMPLAINT.NOT_OPEN',
    'SUSPENSION.GROUND_REQUIRED',
    'SUSPENSION.SCOPE_NOT_FOR_GROUND',
    'SUSPENSION.ARTICLES_REQUIRED',
  )
  suspend(@Param('id', RegulationIdPipe) id: string, @Body() dto: SuspendDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'Suspend', dto, h);
  }

  @Command(
    'Repeal',
    'Repeal the regulation, or the articles named, by decision (Decree 61/2023 art. 14)',
    'REPEAL.GROUND_NOT_ALLOWED',
    'REPEAL.BEFORE_REDRAFT_DEADLINE',
    'SUSPENSION.ARTICLES_REQUIRED',
  )
  repeal(@Param('id', RegulationIdPipe) id: string, @Body() dto: RepealDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'Repeal', dto, h);
  }

  @Command('ClaimTask', 'Claim a pending approval task (the deciding role of its authority)', 'TASK.UNKNOWN', 'TASK.NOT_CANDIDATE', 'TASK.ALREADY_CLAIMED')
  claimTask(@Param('id', RegulationIdPipe) id: string, @Body() dto: ClaimTaskDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ClaimTask', dto, h);
  }

  @Command('ReleaseTask', 'Release a task one has claimed', 'TASK.UNKNOWN', 'TASK.NOT_CLAIMED', 'TASK.NOT_ASSIGNEE')
  releaseTask(@Param('id', RegulationIdPipe) id: string, @Body() dto: ReleaseTaskDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ReleaseTask', dto, h);
  }

  @Command('ReassignTask', 'Hand a task to another person of the deciding body', 'TASK.UNKNOWN', 'TASK.NOT_CANDIDATE')
  reassignTask(@Param('id', RegulationIdPipe) id: string, @Body() dto: ReassignTaskDto, @CommandHeadersParam() h: CommandHeaders) {
    return this.commands.execute(id, 'ReassignTask', dto, h);
  }
}

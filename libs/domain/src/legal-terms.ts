/** The terms every legal rule is stated in (durations, shares, sources, deciding bodies): no dependencies, so the regimes, the kinds and their rules all use them. */

export type DurationUnit = 'working_days' | 'calendar_days' | 'years';

export interface LegalDuration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** A share of a base: `exceeds` tests "more than" it (value * denominator > base * numerator), `reaches` "at least" it. */
export interface Share {
  readonly numerator: number;
  readonly denominator: number;
}

/** Who issues an agency's or an enterprise's own regulation: the head of the agency or unit, or the employer. */
export type Issuer = 'agency_head' | 'employer';

/** The body that recognizes or issues a text: a People's Committee, or for an agency's or an enterprise's own regulation its head or the employer. */
export type Authority = 'district_peoples_committee' | 'ward_peoples_committee' | Issuer;
/** The People's Committees that recognize community conventions. */
export type CommitteeAuthority = Exclude<Authority, Issuer>;

/**
 * Where a rule comes from. `confirmed` only when the article was read in the text (or DOMAIN.md records it as
 * checked against the text); anything else is `unconfirmed` and its note says what is assumed.
 */
export interface LegalSource {
  readonly text: string;
  readonly article: string | null;
  readonly clause: string | null;
  readonly status: 'confirmed' | 'unconfirmed';
  readonly note?: string;
}

/** A source read in the text. */
export const confirmed = (text: string, article: string, clause: string | null, note?: string): LegalSource => ({
  text,
  article,
  clause,
  status: 'confirmed',
  ...(note === undefined ? {} : { note }),
});
/** A source named but not read in the text (a default, or a clause not located). */
export const unconfirmed = (text: string, article: string | null, clause: string | null, note: string): LegalSource => ({
  text,
  article,
  clause,
  status: 'unconfirmed',
  note,
});

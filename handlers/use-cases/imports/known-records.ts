import { duplicateInFileReason, duplicateOfExistingReason } from '../../../domain/field/customer-import';
import { DuplicateIndex } from '../../../domain/field/duplicate-index';
import { lookUpPerson, personLookupProblem } from '../../../domain/field/person-lookup';
import type { UserProfile } from '../../../domain/org/user';

/** A customer or lead a row is checked against: stored (row null) or accepted from an earlier row of the file. */
type Known = {
  name: string;
  normalizedName: string;
  phoneNormalized: string | null;
  kind: '客户' | '线索';
  row: number | null;
};

/**
 * What the customer and lead imports check a row against, in memory (no query per row): the tenant's active
 * people for 负责人, and the records stored or accepted so far for 查重.
 */
export class KnownRecords {
  private readonly index = new DuplicateIndex<Known>();

  constructor(private readonly people: readonly UserProfile[]) {}

  add(record: Known): void {
    this.index.add(record);
  }

  /** The row's owner (null: the pool), or why it is refused: a 负责人 naming nobody in particular, or a duplicate. */
  ownerOrRefusal(candidate: {
    normalizedName: string;
    phoneNormalized: string | null;
    owner: string | null;
  }): { owner: number | null } | string {
    let owner: number | null = null;
    if (candidate.owner !== null) {
      const lookup = lookUpPerson(this.people, candidate.owner);
      if (!lookup.ok) return personLookupProblem('负责人', candidate.owner, lookup) as string;
      owner = lookup.person.id;
    }
    const duplicate = this.index.duplicatesOf(candidate)[0];
    if (!duplicate) return { owner };
    const { reason, customer: other } = duplicate;
    return other.row === null
      ? duplicateOfExistingReason(reason, other.name, other.kind)
      : duplicateInFileReason(reason, other.row);
  }
}

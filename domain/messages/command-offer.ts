/**
 * A did-you-mean card's commands (「是要：请假 明天 事假？」), held until their sender taps one: the card's
 * buttons carry the offer's id and the option's place only, and a tap takes the offer once, so a double tap
 * runs nothing twice.
 */
export interface CommandOffer {
  /** One or two command texts, best first. */
  options: string[];
  createdAt: Date;
}

/** An offer is good for as long as the other cards that hold a command. */
export const COMMAND_OFFER_TTL_MS = 30 * 60 * 1000;

/** Storage port: offers, taken once by their own sender. */
export interface CommandOfferStore {
  save(tenantId: string, userId: number, offer: CommandOffer): Promise<number>;
  /** The sender's own offer, marked taken; null when unknown, someone else's or taken already. */
  take(tenantId: string, userId: number, id: number, now: Date): Promise<CommandOffer | null>;
}

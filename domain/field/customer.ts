/** The slice of a customer the spine needs: who and where. The visits issue grows it. */
export interface CustomerSummary {
  id: number;
  name: string;
  address: string | null;
  lat: number;
  lng: number;
}

/** Storage port: customers by place. */
export interface CustomerDirectory {
  findNear(tenantId: string, center: { lat: number; lng: number }, radiusM: number): Promise<CustomerSummary[]>;
  findById(tenantId: string, id: number): Promise<CustomerSummary | null>;
}

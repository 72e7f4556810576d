import { describe, expect, it } from 'vitest';
import { dealOfCall } from './deal-context.ts';

const opportunity = (fields: Record<string, unknown>, objectId = '006A') => ({
  objectType: 'Opportunity',
  objectId,
  fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
});
const account = { objectType: 'Account', objectId: '001A', fields: [{ name: 'Name', value: 'Northwind' }] };

describe('dealOfCall', () => {
  it('reads the Salesforce account and opportunity, won or lost from IsClosed + IsWon', () => {
    const won = opportunity({
      Name: 'Northwind — renewal',
      StageName: 'Closed Won',
      Amount: 48000,
      CloseDate: '2026-09-30',
      IsClosed: true,
      IsWon: true,
    });
    expect(dealOfCall({ context: [{ system: 'Salesforce', objects: [account, won] }] })).toEqual({
      system: 'Salesforce',
      account: { id: '001A', name: 'Northwind' },
      opportunity: {
        id: '006A',
        name: 'Northwind — renewal',
        stage: 'Closed Won',
        amount: 48000,
        closeDate: '2026-09-30',
        outcome: 'won',
      },
    });
    const lost = opportunity({
      StageName: 'Negotiation',
      IsClosed: 'true',
      IsWon: 'false',
      Amount: '1200.5',
    });
    expect(dealOfCall({ context: [{ system: 'Salesforce', objects: [lost] }] })?.opportunity).toMatchObject({
      outcome: 'lost',
      amount: 1200.5,
      name: null,
    });
  });

  it('falls back to the stage name, prefers an open opportunity, and tolerates calls without context', () => {
    const byStage = opportunity({ StageName: 'Closed Lost' }, '006B');
    const open = opportunity({ StageName: 'Proposal' }, '006C');
    const deal = dealOfCall({ context: [{ system: 'Salesforce', objects: [byStage, open] }] });
    expect(deal?.opportunity).toMatchObject({ id: '006C', outcome: 'open' });
    expect(
      dealOfCall({ context: [{ system: 'Salesforce', objects: [byStage] }] })?.opportunity?.outcome,
    ).toBe('lost');
    expect(dealOfCall({ context: [] })).toBeNull();
    expect(dealOfCall({})).toBeNull();
    expect(dealOfCall({ context: [{ system: 'Salesforce', objects: [account] }] })).toEqual({
      system: 'Salesforce',
      account: { id: '001A', name: 'Northwind' },
      opportunity: null,
    });
  });
});

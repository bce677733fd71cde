// The README's CDK example: a stack's events.Rule, synthesized, and its
// pattern asserted against sample events.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { expect, test } from 'vitest';

// In a real project, the stack comes from your app (lib/orders-stack.ts).
function ordersStack(): Stack {
  const stack = new Stack(new App(), 'Orders');
  new events.Rule(stack, 'BigOrders', {
    eventPattern: {
      source: ['com.example.orders'],
      detailType: ['Order Placed'],
      detail: { total: events.Match.greaterThan(100), currency: ['EUR', 'USD'] },
    },
  });
  return stack;
}

const order = (total: number, currency = 'EUR') => ({
  source: 'com.example.orders',
  'detail-type': 'Order Placed',
  detail: { total, currency },
});

test('BigOrders sees big orders, and only those', () => {
  const rules = Template.fromStack(ordersStack()).findResources('AWS::Events::Rule');
  const pattern = rules[Object.keys(rules)[0]].Properties.EventPattern;

  expect(order(250)).toMatchPattern(pattern);
  expect(order(100)).not.toMatchPattern(pattern);
  expect(order(250, 'GBP')).not.toMatchPattern(pattern);
});

// A stand-in for @aws-sdk/client-eventbridge: `send` appends `{ client, command, input }` to the
// file named by EVPAT_SDK_LOG, one JSON object a line, and answers as EventBridge would, with
// made-up ARNs. sdk-js.test.mjs installs it in a scratch node_modules.

import { appendFileSync } from 'node:fs';

class Command {
  constructor(input) {
    this.input = input;
  }
}

export class PutRuleCommand extends Command {}
export class PutTargetsCommand extends Command {}

export class EventBridgeClient {
  constructor(config) {
    this.config = config;
  }

  async send(command) {
    const name = command.constructor.name;
    appendFileSync(
      process.env.EVPAT_SDK_LOG,
      `${JSON.stringify({ client: 'EventBridgeClient', command: name, input: command.input })}\n`,
    );
    if (name === 'PutRuleCommand') {
      const { Name, EventBusName } = command.input;
      const path = EventBusName && EventBusName !== 'default' ? `${EventBusName}/${Name}` : Name;
      return { RuleArn: `arn:aws:events:us-east-1:123456789012:rule/${path}` };
    }
    if (name === 'PutTargetsCommand') {
      return { FailedEntryCount: 0, FailedEntries: [] };
    }
    throw new Error(`client-eventbridge stub: no answer for ${name}`);
  }
}

// A stand-in for @aws-sdk/client-lambda: `send` records `{ client, command, input }` as the
// client-eventbridge stub does, and answers AddPermissionCommand.

import { appendFileSync } from 'node:fs';

export class AddPermissionCommand {
  constructor(input) {
    this.input = input;
  }
}

export class LambdaClient {
  constructor(config) {
    this.config = config;
  }

  async send(command) {
    const name = command.constructor.name;
    appendFileSync(
      process.env.EVPAT_SDK_LOG,
      `${JSON.stringify({ client: 'LambdaClient', command: name, input: command.input })}\n`,
    );
    if (name === 'AddPermissionCommand') {
      return { Statement: '{}' };
    }
    throw new Error(`client-lambda stub: no answer for ${name}`);
  }
}

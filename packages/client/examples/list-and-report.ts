// A developer's script: what a token can see of its workspace, printed as JSON lines.
//   CALLMINE_URL=http://localhost:3000 CALLMINE_TOKEN=cm_… npx tsx packages/client/examples/list-and-report.ts
// Runs and reports are not in the API yet; once they are, this is where a script would start a run and pull its
// report. Until then it reads everything a member token may: the workspace, its members and the Gong status.
import { callmineError, createCallmineClient } from '../src/index.ts';

const url = process.env.CALLMINE_URL;
const token = process.env.CALLMINE_TOKEN;
if (!url || !token) {
  console.error('Set CALLMINE_URL and CALLMINE_TOKEN.');
  process.exit(2);
}

const callmine = createCallmineClient({ url, token });

try {
  // Issued together, these go to the server as one batched request.
  const [workspace, members, gong] = await Promise.all([
    callmine.workspace.get.query(),
    callmine.members.list.query(),
    callmine.integrations.gong.get.query(),
  ]);
  console.log(JSON.stringify({ workspace: workspace.name, memberCount: members.length }));
  console.log(JSON.stringify({ members: members.map((m) => ({ name: m.name, role: m.role })) }));
  console.log(
    JSON.stringify({
      gong: gong.status,
      ...(gong.status === 'disconnected'
        ? {}
        : { baseUrl: gong.baseUrl, lastValidatedAt: gong.lastValidatedAt }),
    }),
  );
} catch (error) {
  const known = callmineError(error);
  // Never print the token: only what the server said.
  console.error(JSON.stringify(known ?? { message: 'Could not reach Callmine.' }));
  process.exit(1);
}

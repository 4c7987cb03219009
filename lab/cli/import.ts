// `lab import FILE… [--as FORMAT] [--host NAME]`: production logs as a run that replay and analyze open.
import { FORMATS } from '../import/formats/index.ts';
import { importLogs } from '../import/import.ts';
import { defineCommand } from './command.ts';
import { out, shown } from './output.ts';

export default defineCommand({
  name: 'import',
  usage: `FILE… [--as ${FORMATS.names.slice(0, 3).join('|')}|…] [--host NAME] [--log-format FORMAT]`,
  summary: "production logs as a run: each line an event of its host's lane, at its own time; lab replay and lab analyze open it",
  help: `  FILE…               log files; each one's format is detected from its first lines:
${FORMATS.all.map((f) => `                        ${f.name}: ${f.about}`).join('\n')}
  --as FORMAT         read every file in this format instead
  --host NAME         the host of lines that do not name one (default: each file's name up to its first dot);
                      journald entries name their own (_HOSTNAME)
  --log-format F      nginx: the log_format its access lines were written with ('$remote_addr … $status …')
a line no format understands is counted and shown, never fatal; the 5xx and flagged responses of each
component are the run's findings. It prints run: runs/<id> last`,
  options: { as: { type: 'string' }, host: { type: 'string' }, 'log-format': { type: 'string' } },
  positionals: { min: 1, max: 10_000 },
  async run({ values, positionals }) {
    const r = await importLogs({ files: positionals, as: values.as, host: values.host, logFormat: values['log-format'], progress: out });
    for (const f of r.files) {
      const missed = f.lines - f.understood;
      out(
        `${f.file}: ${f.understood} of ${f.lines} lines understood (${f.format}, host ${f.host})${missed ? `; not understood: ${missed}, e.g. ${JSON.stringify(f.notUnderstood[0])}` : ''}`,
      );
    }
    out(`${r.events} events`);
    out(`run: ${shown(r.run.dir)}`);
    return 0;
  },
});

/** A line diff between two revisions' texts (longest common subsequence of lines), removed and added lines marked. */
import { useI18n } from '../i18n';

type Line = { kind: 'same' | 'added' | 'removed'; text: string };

export function diffLines(before: string, after: string): Line[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  }
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) {
      // A replaced line reads as the old one removed, then the new one added.
      lines.push({ kind: 'removed', text: a[i] });
      i += 1;
    } else {
      lines.push({ kind: 'added', text: b[j] });
      j += 1;
    }
  }
  return lines;
}

export function TextDiff({ before, after }: { before: string; after: string }) {
  const { language } = useI18n();
  const marks = language === 'vi' ? { added: 'Thêm: ', removed: 'Bỏ: ' } : { added: 'Added: ', removed: 'Removed: ' };
  return (
    <div data-testid="text-diff">
      {diffLines(before, after).map((line, index) =>
        line.kind === 'same' ? (
          <p key={index} className="diff-line">
            {line.text || '\u00a0'}
          </p>
        ) : line.kind === 'added' ? (
          <ins key={index} className="diff-line diff-added" style={{ display: 'block', textDecoration: 'none' }}>
            <span className="sr-only">{marks.added}</span>
            {line.text || '\u00a0'}
          </ins>
        ) : (
          <del key={index} className="diff-line diff-removed" style={{ display: 'block' }}>
            <span className="sr-only">{marks.removed}</span>
            {line.text || '\u00a0'}
          </del>
        ),
      )}
    </div>
  );
}

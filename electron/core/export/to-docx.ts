import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Header,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { CommentNote } from './comment-notes';
import type { Block, Run } from './blocks';
import { roundedWordCount, surnameOf, type Manuscript } from './manuscript';

const INCH = 1440; // twips
const FONTS = { times: 'Times New Roman', courier: 'Courier New' } as const;
export type ManuscriptFont = keyof typeof FONTS;

function textRuns(runs: Run[]): TextRun[] {
  return runs.flatMap((run) =>
    // A line break inside a paragraph is a break in Word, not a new paragraph.
    run.text.split('\n').map((text, i) => {
      const options: IRunOptions = { text, break: i > 0 ? 1 : undefined, bold: run.bold, italics: run.italic, strike: run.strike };
      return new TextRun(run.underline ? { ...options, underline: {} } : options);
    }),
  );
}

const centred = (text: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [new TextRun(text)], ...extra });

/**
 * Word comments over the text their marks cover. A range opens at the first run inside a
 * comment's mark and closes where the text leaves it (in a later paragraph, if the passage
 * spans several), with the comment's reference mark there.
 */
function commentRanges(notes: Map<string, CommentNote>) {
  const numbers = new Map<string, number>();
  const open = new Set<string>();
  const close = (id: string): ParagraphChild[] => {
    open.delete(id);
    const n = numbers.get(id)!;
    return [new CommentRangeEnd(n), new TextRun({ children: [new CommentReference(n)] })];
  };
  return {
    numbers,
    runs(runs: Run[]): ParagraphChild[] {
      const out: ParagraphChild[] = [];
      for (const run of runs) {
        const here = new Set((run.comments ?? []).filter((id) => notes.has(id)));
        for (const id of [...open]) if (!here.has(id)) out.push(...close(id));
        for (const id of here) {
          if (open.has(id) || numbers.has(id)) continue; // one range a comment
          numbers.set(id, numbers.size);
          open.add(id);
          out.push(new CommentRangeStart(numbers.get(id)!));
        }
        out.push(...textRuns([run]));
      }
      return out;
    },
    closeAll: (): ParagraphChild[] => [...open].flatMap(close),
  };
}
type Ranges = ReturnType<typeof commentRanges>;

function bodyParagraph(block: Block, number: number, ranges: Ranges): Paragraph {
  switch (block.kind) {
    case 'scene-break':
      return new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [...ranges.closeAll(), new TextRun('#')] });
    case 'heading':
      // A heading inside a chapter sits below the chapter's own level.
      return new Paragraph({ heading: block.level <= 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, keepNext: true, children: ranges.runs(block.runs) });
    case 'quote':
      return new Paragraph({ indent: { left: INCH / 2, right: INCH / 2, firstLine: 0 }, children: ranges.runs(block.runs) });
    case 'item':
      return new Paragraph({
        indent: { left: INCH / 2 + block.depth * (INCH / 2), hanging: INCH / 4 },
        children: [new TextRun(block.ordered ? `${number}.\t` : '•\t'), ...ranges.runs(block.runs)],
      });
    default:
      return new Paragraph({ children: ranges.runs(block.runs) });
  }
}

/**
 * Standard manuscript format: a title page (contact details, a rounded word count, the
 * title and byline), then the text in 12 pt Times New Roman or Courier, double-spaced,
 * 1-inch margins, first lines indented half an inch, "Surname / TITLE / page" at the top
 * right of every page after the title page, each chapter on a new page a third of the way
 * down, scene breaks as a centred "#".
 */
export async function toDocx(
  book: Manuscript,
  font: ManuscriptFont = 'times',
  onChapter: (done: number) => void = () => {},
  notes: Map<string, CommentNote> = new Map(),
): Promise<Uint8Array> {
  const ranges = commentRanges(notes);
  const author = book.author;
  const contact = [author.name, ...author.address.split(/\r?\n/), author.email, author.phone].map((l) => l.trim()).filter(Boolean);
  const single = { line: 240, lineRule: LineRuleType.AUTO };
  const titlePage: Paragraph[] = [
    new Paragraph({
      spacing: single,
      indent: { firstLine: 0 },
      tabStops: [{ type: TabStopType.RIGHT, position: 6.5 * INCH }],
      children: [new TextRun(contact[0] ?? ''), new TextRun({ text: `\t${roundedWordCount(book.words)}` })],
    }),
    ...contact.slice(1).map((line) => new Paragraph({ spacing: single, indent: { firstLine: 0 }, children: [new TextRun(line)] })),
    centred(book.title.toUpperCase(), { spacing: { before: 3.5 * INCH - contact.length * 240 } }),
    ...(author.name ? [centred(`by ${author.name}`)] : []),
  ];

  const body: Paragraph[] = [];
  book.chapters.forEach((chapter, i) => {
    // A chapter opens on a new page, its title a third of the way down.
    // A real heading (styled plain below), so Word's navigation and an import find the chapters.
    body.push(centred(chapter.title, { heading: HeadingLevel.HEADING_1, pageBreakBefore: i > 0, keepNext: true, spacing: { before: 2.25 * INCH, after: 480 } }));
    // Ordered items are numbered per list and depth; anything else ends the list.
    const counters: number[] = [];
    for (const block of chapter.blocks) {
      if (block.kind === 'item') {
        counters.length = block.depth + 1;
        counters[block.depth] = (counters[block.depth] ?? 0) + 1;
      } else counters.length = 0;
      body.push(bodyParagraph(block, block.kind === 'item' ? counters[block.depth]! : 0, ranges));
    }
    onChapter(i + 1);
  });
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [...ranges.closeAll(), new TextRun('END')] }));

  const surname = surnameOf(author);
  const header = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { firstLine: 0 },
        spacing: single,
        children: [new TextRun({ children: [[surname, book.title.toUpperCase()].filter(Boolean).join(' / ') + ' / ', PageNumber.CURRENT] })],
      }),
    ],
  });
  // US Letter, as agents and editors expect a manuscript.
  const page = { size: { width: 8.5 * INCH, height: 11 * INCH }, margin: { top: INCH, right: INCH, bottom: INCH, left: INCH, header: INCH / 2, footer: INCH / 2 } };
  const doc = new Document({
    title: book.title,
    creator: author.name || undefined,
    comments: {
      children: [...ranges.numbers].map(([id, n]) => {
        const note = notes.get(id)!;
        const lines = [note.body, ...note.replies.map((r) => `${r.author} replied: ${r.body}`)];
        return { id: n, author: note.author, initials: note.author.slice(0, 2).toUpperCase(), date: note.date, children: lines.flatMap((l) => l.split(/\r?\n/)).map((l) => new Paragraph({ indent: { firstLine: 0 }, spacing: { line: 240 }, children: [new TextRun(l)] })) };
      }),
    },
    styles: {
      default: {
        document: {
          run: { font: FONTS[font], size: 24 },
          paragraph: { spacing: { line: 480, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { firstLine: INCH / 2 } },
        },
        // Manuscript headings look like the text: same font and size, no colour.
        heading1: { run: { font: FONTS[font], size: 24, bold: false, color: '000000' }, paragraph: { spacing: { line: 480 } } },
        heading2: { run: { font: FONTS[font], size: 24, bold: true, color: '000000' } },
        heading3: { run: { font: FONTS[font], size: 24, bold: true, color: '000000' } },
      },
    },
    sections: [
      { properties: { page }, children: titlePage },
      { properties: { page: { ...page, pageNumbers: { start: 1 } } }, headers: { default: header }, children: body },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

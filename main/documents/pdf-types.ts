// The slice of pdfmake's document-definition format we use. pdfmake ships no types and
// @types/pdfmake lags 0.3, so the builder speaks this loose shape and the renderer hands it on.
export type PdfNode = { readonly [key: string]: unknown };
export type PdfContent = string | PdfNode | readonly PdfContent[];

export type DynamicContent = (currentPage: number, pageCount: number) => PdfContent | null;

export interface PdfDocDefinition {
  readonly pageSize: 'A4';
  readonly pageMargins: readonly [number, number, number, number];
  readonly info: { readonly title: string; readonly author: string; readonly subject: string; readonly creator: string; readonly producer: string; readonly creationDate: Date };
  readonly defaultStyle: PdfNode;
  readonly styles: Readonly<Record<string, PdfNode>>;
  readonly header: DynamicContent;
  readonly footer: DynamicContent;
  readonly content: readonly PdfContent[];
  readonly watermark?: PdfNode;
  readonly images?: Readonly<Record<string, string>>;
  readonly language?: string;
}

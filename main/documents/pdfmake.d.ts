// Minimal typing of pdfmake 0.3's Node entry (js/index.js exports one configured instance).
declare module 'pdfmake' {
  interface VirtualFs {
    existsSync(name: string): boolean;
    writeFileSync(name: string, content: Buffer): void;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMake {
    readonly virtualfs: VirtualFs;
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: object, options?: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export = pdfmake;
}

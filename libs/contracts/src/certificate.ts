import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { ProblemException } from '@techmarket/core';
import { CONTRACT_TYPES, type ContractType } from './contract-types.js';

/** The font the PDF certificate embeds (Debian's fonts-wqy-microhei); CERTIFICATE_FONT overrides it. */
export const DEFAULT_CERTIFICATE_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FONT_FAMILY = 'WenQuanYiMicroHei'; // the face inside the .ttc collection

/** What a 技术合同登记证明 states. */
export interface CertificateData {
  registrationNumber: string;
  title: string;
  contractType: ContractType;
  subType: string | null;
  direction: 'domestic' | 'import';
  sellerName: string;
  buyerName: string;
  amountFen: number;
  techTransactionFen: number;
  signedOn: string;
  registeredOn: string;
  /** The registration tenant: name and code (e.g. 朝阳区, 220104). */
  registrarName: string;
  registrarCode: string;
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

function typeLabel(d: CertificateData): string {
  const t = CONTRACT_TYPES[d.contractType];
  const sub = d.subType ? (t.subTypes as Record<string, string>)[d.subType] : null;
  return sub ? `${t.label}（${sub}）` : t.label;
}

/**
 * The tax relief a registered contract supports (DOMAIN.md): VAT exemption for technology
 * transfer and development income; for transfer income, the corporate income-tax exemption on
 * the first 5,000,000 yuan a year (the part above is taxed at half).
 */
export function taxRelief(type: ContractType): string[] {
  const lines: string[] = [];
  if (type === 'transfer' || type === 'development')
    lines.push('技术转让、技术开发收入免征增值税（《营业税改征增值税试点过渡政策的规定》，财税〔2016〕36号附件3）。');
  if (type === 'transfer')
    lines.push(
      '技术转让所得：居民企业一个纳税年度内技术转让所得不超过 500 万元的部分免征企业所得税，超过 500 万元的部分减半征收（《中华人民共和国企业所得税法实施条例》第九十条）。',
    );
  if (!lines.length) lines.push('本合同类型不适用技术转让、技术开发增值税免征及技术转让所得企业所得税减免。');
  return lines;
}

/** The certificate's rows, in the order both renderings print them. */
export function certificateRows(d: CertificateData): [string, string][] {
  return [
    ['登记编号', d.registrationNumber],
    ['合同名称', d.title],
    ['合同类型', typeLabel(d)],
    ...(d.direction === 'import' ? ([['合同性质', '技术引进（由境内买方所在地登记）']] as [string, string][]) : []),
    ['卖方（让与方、受托方）', d.sellerName],
    ['买方（受让方、委托方）', d.buyerName],
    ['技术合同成交额', yuan(d.amountFen)],
    ['技术交易额', yuan(d.techTransactionFen)],
    ['合同签订日期', d.signedOn],
    ['登记日期', d.registeredOn],
    ['登记地区', `${d.registrarName}（${d.registrarCode}）`],
  ];
}

const TITLE = '技术合同认定登记证明';
const NOTE = '本证明依据技术合同认定登记结果出具，当事人可凭本证明向主管税务机关申请办理相关税收优惠。';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A printable zh-CN page (A4, print styles); every value is escaped. */
export function certificateHtml(d: CertificateData): string {
  const rows = certificateRows(d)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n      ');
  const relief = taxRelief(d.contractType)
    .map((l) => `<li>${escapeHtml(l)}</li>`)
    .join('\n        ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>${TITLE} ${escapeHtml(d.registrationNumber)}</title>
  <style>
    @page { size: A4; margin: 20mm; }
    body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #000; max-width: 170mm; margin: 0 auto; }
    h1 { text-align: center; letter-spacing: 0.3em; font-size: 22pt; margin: 12mm 0 8mm; }
    table { width: 100%; border-collapse: collapse; font-size: 11pt; }
    th, td { border: 1px solid #000; padding: 3mm; text-align: left; vertical-align: top; }
    th { width: 32%; background: #f3f3f3; }
    h2 { font-size: 13pt; margin-top: 8mm; }
    li { margin: 2mm 0; line-height: 1.6; }
    .note { font-size: 10pt; margin-top: 8mm; }
    @media print { .no-print { display: none; } th { background: none; } }
  </style>
</head>
<body>
  <h1>${TITLE}</h1>
  <table>
      ${rows}
  </table>
  <section>
    <h2>可享受的税收优惠</h2>
    <ul>
        ${relief}
    </ul>
  </section>
  <p class="note">${NOTE}</p>
  <p class="no-print"><button onclick="window.print()">打印</button></p>
</body>
</html>
`;
}

/** The same certificate as a PDF (pdfkit, the Chinese font embedded as a subset). */
export function certificatePdf(d: CertificateData, fontPath = process.env.CERTIFICATE_FONT || DEFAULT_CERTIFICATE_FONT): Promise<Buffer> {
  if (!existsSync(fontPath)) throw new ProblemException('CERTIFICATE_FONT_MISSING', { path: fontPath });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${TITLE} ${d.registrationNumber}`, Subject: d.title, Creator: '吉林省科技大市场' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('zh', fontPath, FONT_FAMILY);
  doc.font('zh');
  doc.fontSize(22).text(TITLE, { align: 'center', characterSpacing: 4 });
  doc.moveDown(1.5);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = width * 0.32;
  doc.fontSize(11);
  for (const [k, v] of certificateRows(d)) {
    const y = doc.y;
    const h = Math.max(doc.heightOfString(k, { width: labelWidth - 12 }), doc.heightOfString(v, { width: width - labelWidth - 12 })) + 12;
    doc.rect(left, y, labelWidth, h).fillAndStroke('#f3f3f3', '#000');
    doc.rect(left + labelWidth, y, width - labelWidth, h).stroke('#000');
    doc.fillColor('#000').text(k, left + 6, y + 6, { width: labelWidth - 12 });
    doc.text(v, left + labelWidth + 6, y + 6, { width: width - labelWidth - 12 });
    doc.x = left;
    doc.y = y + h;
  }
  doc.moveDown(1.5);
  doc.fontSize(13).text('可享受的税收优惠', left, doc.y);
  doc.moveDown(0.5);
  doc.fontSize(11);
  for (const line of taxRelief(d.contractType)) {
    doc.text(`• ${line}`, { width, lineGap: 3 });
    doc.moveDown(0.3);
  }
  doc.moveDown(1);
  doc.fontSize(10).text(NOTE, { width });
  doc.end();
  return done;
}

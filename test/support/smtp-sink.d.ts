import type { ParsedMail } from 'mailparser';

export declare function startSmtpServer(onMail: (mail: ParsedMail) => void): Promise<{ port: number; close: () => Promise<void> }>;
export declare function startSinks(
  workers: number,
): Promise<{ ports: Record<number, number>; readUrl: string; close: () => Promise<void> }>;

/**
 * User-facing messages, zh-CN first with English for `Accept-Language: en`.
 * Core holds its own; every module registers its errors, field messages and entity labels
 * with `registerModule` (see module-api.ts), so a translator finds a module's strings in
 * that module's `*.registration.ts`.
 */
export type Lang = 'zh-CN' | 'en';

/** A message in both languages; `{name}` placeholders are filled from the error's parameters. */
export interface Label {
  zh: string;
  en: string;
}
export interface ErrorDefinition extends Label {
  status: number;
}

const CORE_ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数校验失败', en: 'The request is invalid' },
  MALFORMED_BODY: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求内容类型', en: 'Unsupported content type' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, zh: '未登录或登录已失效', en: 'Authentication required' },
  TOKEN_INVALID: { status: 401, zh: '令牌无效或已过期', en: 'The token is invalid or expired' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  LOGIN_THROTTLED: {
    status: 429,
    zh: '登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed logins, try again in {seconds} seconds',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, slow down' },
  FORBIDDEN: { status: 403, zh: '没有执行该操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '{entity}不存在或无权访问', en: '{entity} not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '{detail}', en: '{detail}' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and retry',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态“{from}”不能执行“{action}”操作',
    en: 'Cannot {action} an entry whose status is {from}',
  },
  IMPORT_FILE_INVALID: { status: 400, zh: '{detail}', en: '{detail}' },
  ROLE_NOT_GRANTABLE: { status: 403, zh: '无权授予角色：{role}', en: 'You may not grant the role {role}' },
  FACT_REQUEST_PENDING: {
    status: 409,
    zh: '“{fact}”已有待处理的申请，请等待辖区工作人员处理',
    en: 'A request about the {fact} is already pending',
  },
  ORGANIZATION_IMPORT_INVALID: {
    status: 400,
    zh: '名单文件有 {count} 处错误，未导入任何记录',
    en: 'The list has {count} errors; nothing was imported',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, ErrorDefinition>;

/** Flags for declaration merging: `{ CODE: true }` for each key of a message table. */
export type Keys<T> = { [K in keyof T]: true };

/**
 * Every error code the API can return. Modules add theirs by declaration merging, next to the
 * runtime table they register:
 * `declare module '@techmarket/core/module-api' { interface ErrorCodeRegistry extends Keys<typeof MY_ERRORS> {} }`.
 */
export interface ErrorCodeRegistry extends Keys<typeof CORE_ERRORS> {}
export type ErrorCode = keyof ErrorCodeRegistry & string;

const ERRORS = new Map<string, ErrorDefinition>(Object.entries(CORE_ERRORS));

/** Names of entities in messages (`{entity}不存在`); modules register their subjects' labels. */
const ENTITY_LABELS = new Map<string, Label>(
  Object.entries({
    Tenant: { zh: '租户', en: 'Tenant' },
    Organization: { zh: '机构', en: 'Organization' },
    OrganizationFactRequest: { zh: '认定变更申请', en: 'Organisation fact request' },
    UserAccount: { zh: '用户', en: 'User' },
    AuditLogEntry: { zh: '审计日志', en: 'Audit log entry' },
  }),
);

/** class-validator constraint → message; `{0}` is the constraint's first argument. */
const FIELD_MESSAGES = new Map<string, Label>(
  Object.entries({
    whitelistValidation: { zh: '不允许的字段', en: 'unknown field' },
    isDefined: { zh: '必填', en: 'is required' },
    isNotEmpty: { zh: '不能为空', en: 'must not be empty' },
    isString: { zh: '必须是字符串', en: 'must be a string' },
    isBoolean: { zh: '必须是布尔值', en: 'must be a boolean' },
    isInt: { zh: '必须是整数', en: 'must be an integer' },
    isUuid: { zh: '必须是 UUID', en: 'must be a UUID' },
    isUUID: { zh: '必须是 UUID', en: 'must be a UUID' },
    isEmail: { zh: '不是有效的邮箱地址', en: 'must be an email address' },
    isEnum: { zh: '取值必须是以下之一：{0}', en: 'must be one of: {0}' },
    isIn: { zh: '取值必须是以下之一：{0}', en: 'must be one of: {0}' },
    isArray: { zh: '必须是数组', en: 'must be an array' },
    arrayMinSize: { zh: '至少需要 {0} 项', en: 'must have at least {0} items' },
    arrayMaxSize: { zh: '最多 {0} 项', en: 'must have at most {0} items' },
    arrayUnique: { zh: '不能有重复项', en: 'must not contain duplicates' },
    maxLength: { zh: '长度不能超过 {0} 个字符', en: 'must be at most {0} characters' },
    minLength: { zh: '长度不能少于 {0} 个字符', en: 'must be at least {0} characters' },
    isLength: { zh: '长度须在 {0} 到 {1} 个字符之间', en: 'must be {0} to {1} characters long' },
    min: { zh: '不能小于 {0}', en: 'must be at least {0}' },
    max: { zh: '不能大于 {0}', en: 'must be at most {0}' },
    matches: { zh: '格式不正确', en: 'has the wrong format' },
    isTenantCode: {
      zh: '不是有效的行政区划代码（6 位数字，如 220100）',
      en: 'must be a 6-digit administrative division code such as 220100',
    },
    isCreditCode: { zh: '不是有效的统一社会信用代码', en: 'must be a valid unified social credit code' },
    isPhone: { zh: '不是有效的电话号码', en: 'must be a phone number' },
    isStrongPassword: {
      zh: '密码至少 8 位，且包含字母和数字',
      en: 'password must be at least 8 characters with letters and digits',
    },
    nestedValidation: { zh: '格式不正确', en: 'is malformed' },
    isDateString: { zh: '必须是日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
    isISO8601: { zh: '必须是日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
    isNumber: { zh: '必须是数字', en: 'must be a number' },
    rangeOrder: { zh: '下限不能大于上限', en: 'the lower bound must not exceed the upper bound' },
    requiredWhen: { zh: '在{0}时必填', en: 'is required when {0}' },
    notAllowedWhen: { zh: '在{0}时不能填写', en: 'must be empty when {0}' },
    notSameAs: { zh: '不能与 {0} 相同', en: 'must differ from {0}' },
    notAbove: { zh: '不能大于 {0}', en: 'must not exceed {0}' },
    organizationType: { zh: '机构类型必须是：{0}', en: 'the organisation must be of type {0}' },
    notInSubtree: { zh: '不在您的管辖范围内', en: 'is outside your part of the tenant tree' },
    unknownReference: { zh: '引用的记录不存在或无权访问', en: 'refers to a record that does not exist or that you cannot see' },
    isDivisionCode: {
      zh: '不是有效的行政区划代码（GB/T 2260，6 位数字，如 220102、330106）',
      en: 'must be a GB/T 2260 administrative division code of 6 digits such as 220102 or 330106',
    },
    divisionOutsideTenant: {
      zh: '省内的行政区划必须是租户 {0} 或其下级的代码',
      en: 'a division in the province must be tenant {0} or one below it',
    },
    notBefore: { zh: '不能早于 {0}', en: 'must not be before {0}' },
    fileType: { zh: '只支持 .xlsx 和 .csv 文件', en: 'only .xlsx and .csv files are accepted' },
    fileUnreadable: {
      zh: '无法读取：请上传 Excel 2007 及以上格式的 xlsx，或 UTF-8 / GBK 编码的 CSV',
      en: 'cannot be read: upload an Excel 2007+ xlsx or a UTF-8 / GBK CSV',
    },
    fileNoRows: { zh: '没有数据行（第一行为表头）', en: 'has no data rows (the first row is the header)' },
    fileTooManyRows: { zh: '超过 {0} 行，请拆分后导入', en: 'has more than {0} rows; split it' },
    fileMissingColumn: {
      zh: '缺少“统一社会信用代码”或“机构名称”列（表头：{0}）',
      en: 'needs a column 统一社会信用代码 (credit code) or 机构名称 (name); the header is: {0}',
    },
    rowMissingKey: { zh: '第 {0} 行：请填写统一社会信用代码或机构名称', en: 'row {0}: give a credit code or a name' },
    rowInvalidCreditCode: {
      zh: '第 {0} 行：“{1}”不是有效的统一社会信用代码',
      en: 'row {0}: {1} is not a valid unified social credit code',
    },
    rowUnknownOrganization: {
      zh: '第 {0} 行：在您的管辖范围内没有机构“{1}”',
      en: 'row {0}: no organisation {1} in your part of the tenant tree',
    },
    rowAmbiguousName: {
      zh: '第 {0} 行：名称“{1}”对应多个机构，请填写统一社会信用代码',
      en: 'row {0}: the name {1} matches several organisations; give the credit code',
    },
    rowNotEnterprise: { zh: '第 {0} 行：“{1}”不是企业', en: 'row {0}: {1} is not an enterprise' },
    rowDuplicate: { zh: '第 {0} 行：与第 {1} 行是同一机构', en: 'row {0}: the same organisation as row {1}' },
    rowInvalidDate: {
      zh: '第 {0} 行：“{1}”不是有效的日期（如 2026-06-30）',
      en: 'row {0}: {1} is not a valid date (e.g. 2026-06-30)',
    },
    rowDateOrder: { zh: '第 {0} 行：有效期至早于发证日期', en: 'row {0}: valid until is before the issue date' },
    rowTooLong: { zh: '第 {0} 行：“{1}”过长（最多 {2} 个字符）', en: 'row {0}: {1} is too long (at most {2} characters)' },
  }),
);

/** What a module adds to the message catalogue. A code registered twice is a start-up error. */
export interface MessageContribution {
  errors?: Record<string, ErrorDefinition>;
  fieldMessages?: Record<string, Label>;
  entityLabels?: Record<string, Label>;
}

export function registerMessages(owner: string, m: MessageContribution): void {
  for (const [table, entries] of [
    [ERRORS, m.errors],
    [FIELD_MESSAGES, m.fieldMessages],
    [ENTITY_LABELS, m.entityLabels],
  ] as [Map<string, Label>, Record<string, Label> | undefined][]) {
    for (const [key, value] of Object.entries(entries ?? {})) {
      const existing = table.get(key);
      if (existing && (existing.zh !== value.zh || existing.en !== value.en))
        throw new Error(`${owner} registers the message ${key}, which is already taken`);
      table.set(key, value);
    }
  }
}

export function errorDefinition(code: string): ErrorDefinition {
  const def = ERRORS.get(code);
  if (!def) throw new Error(`unregistered error code ${code}`);
  return def;
}

export function entityLabel(entity: string): Label | undefined {
  return ENTITY_LABELS.get(entity);
}

/** The message for one constraint code; unknown codes read as "has the wrong format". */
export function fieldMessage(code: string): Label {
  return FIELD_MESSAGES.get(code) ?? FIELD_MESSAGES.get('matches')!;
}

/** The message for one invalid field, e.g. `不能大于 9`; `args` fill `{0}`, `{1}`. */
export function fieldErrorMessage(code: string, args: unknown[] = [], lang: Lang = 'zh-CN'): string {
  const m = fieldMessage(code);
  const params = Object.fromEntries(args.map((a, i) => [String(i), Array.isArray(a) ? a.join(', ') : a]));
  return format(lang === 'en' ? m.en : m.zh, params);
}

export function pickLang(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  // The first language the client names wins; anything that is not English gets Chinese.
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function format(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

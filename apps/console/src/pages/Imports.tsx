import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Progress,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { api, ApiError, download, upload } from '../api';
import { chinaDateTime } from '../dates';
import { IMPORT_KINDS } from '../labels';
import { Page } from '../Page';
import { useMe } from '../session';
import { useUrlState } from '../url-state';

interface ImportJob {
  id: string;
  kind: string;
  mode: string;
  fileName: string;
  status: 'queued' | 'running' | 'completed' | 'rejected' | 'failed';
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  errors: { row: number; column: string | null; message: string }[];
  errorCount: number;
  createdAt: string;
  finishedAt: string | null;
}

const STATUS: Record<ImportJob['status'], { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '导入中', color: 'processing' },
  completed: { text: '已完成', color: 'success' },
  rejected: { text: '未导入（文件有错误）', color: 'error' },
  failed: { text: '导入失败', color: 'error' },
};
const MODES: Record<string, string> = {
  all_or_nothing: '全部正确才导入（有一行错误则整个文件不导入）',
  skip_invalid: '导入正确的行，报告错误行',
};
const EXPORTS: Record<string, string> = { achievement: 'achievements.xlsx', patent: 'patents.xlsx', demand: 'demands.xlsx' };
/** No organisation has this id: its export is the kind's header row, i.e. the import template. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * 批量导入: upload an XLSX or CSV of achievements, patents or demands (decision 0006), then
 * watch the job — a progress bar while it runs, then the counts and each bad row's errors in
 * Chinese with the spreadsheet's own row number and column. The job's id is in the URL, so a
 * reload keeps watching it.
 */
export default function Imports() {
  const me = useMe();
  const { message } = App.useApp();
  const url = useUrlState({ kind: 'achievement' });
  const jobId = url.get('id');
  const kind = url.get('kind')!;
  const [mode, setMode] = useState('all_or_nothing');
  const [file, setFile] = useState<UploadFile | null>(null);
  const [organizationId, setOrganizationId] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const staff = !me.user.organizationId; // staff import for an organisation of their subtree
  const orgs = useQuery({
    queryKey: ['organizations', 'import', me.tenant.code],
    queryFn: () =>
      api<{ items: { id: string; name: string }[] }>('GET', '/organizations', { query: { tenantCode: me.tenant.code, limit: 100 } }),
    enabled: staff,
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => api<ImportJob>('GET', `/imports/${jobId}`),
    enabled: !!jobId,
    // Poll while the worker runs it; stop when it is done.
    refetchInterval: (q) => (!q.state.data || ['queued', 'running'].includes(q.state.data.status) ? 700 : false),
  });

  async function start() {
    if (!file?.originFileObj) return;
    setUploading(true);
    setUploadError(null);
    try {
      const made = await upload<ImportJob>('/imports', { kind, mode, organizationId }, file.originFileObj, file.name);
      url.update({ id: made.id });
      setFile(null);
    } catch (e) {
      const field = e instanceof ApiError ? e.problem.errors?.[0]?.message : undefined;
      setUploadError(field ?? (e instanceof Error ? e.message : String(e)));
    } finally {
      setUploading(false);
    }
  }

  const template = () =>
    download(`/exports/${EXPORTS[kind]}`, { status: 'draft', organizationId: NOBODY }, `${IMPORT_KINDS[kind]}.xlsx`).catch((e: Error) =>
      message.error(e.message),
    );

  return (
    <Page title="批量导入" subTitle="上传 XLSX 或 CSV，逐行校验，显示进度与每行的错误">
      <Card title="上传文件" size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" style={{ maxWidth: 720 }} onFinish={start}>
          <Form.Item label="导入内容" htmlFor="import-kind">
            <Space wrap>
              <Select
                id="import-kind"
                style={{ width: 200 }}
                value={kind}
                onChange={(v) => url.update({ kind: v, id: undefined })}
                options={Object.entries(IMPORT_KINDS).map(([value, text]) => ({ value, label: text }))}
              />
              <Button icon={<DownloadOutlined />} onClick={template}>
                下载{IMPORT_KINDS[kind]}模板
              </Button>
            </Space>
          </Form.Item>
          <Form.Item label="出错时">
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} aria-label="出错时">
              <Space direction="vertical">
                {Object.entries(MODES).map(([value, text]) => (
                  <Radio key={value} value={value}>
                    {text}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {staff && (
            <Form.Item label="所属机构（表中未填“所属机构”列的行）" htmlFor="import-org">
              <Select
                id="import-org"
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="选择本地机构"
                value={organizationId}
                onChange={setOrganizationId}
                loading={orgs.isLoading}
                options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          )}
          <Form.Item label="文件" required validateStatus={uploadError ? 'error' : undefined} help={uploadError ?? undefined}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                setFile(fileList.at(-1) ?? null);
                setUploadError(null);
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入 XLSX / CSV 文件</p>
              <p className="ant-upload-hint">工作表名为“{IMPORT_KINDS[kind]}”或只有一个工作表；CSV 可为 UTF-8 或 GBK 编码</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!file} loading={uploading}>
            开始导入
          </Button>
        </Form>
      </Card>
      {jobId && <JobReport job={job.data} error={job.error} />}
    </Page>
  );
}

function JobReport({ job, error }: { job: ImportJob | undefined; error: unknown }) {
  if (error)
    return <Alert type="error" showIcon message={(error as Error).message} description="找不到该导入任务，或您无权查看；请重新上传" />;
  if (!job) return <Card loading />;
  const st = STATUS[job.status];
  const done = !['queued', 'running'].includes(job.status);
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : done ? 100 : 0;
  const columns: TableColumnsType<ImportJob['errors'][number]> = [
    { title: '行号', dataIndex: 'row', width: 80 },
    { title: '列', dataIndex: 'column', width: 160, render: (v: string | null) => v ?? '（整行）' },
    { title: '错误信息', dataIndex: 'message' },
  ];
  return (
    <Card
      size="small"
      data-testid="import-job"
      title={
        <Space>
          <span>导入任务：{job.fileName}</span>
          <Tag color={st.color} data-testid="import-status">
            {st.text}
          </Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="内容">{IMPORT_KINDS[job.kind] ?? job.kind}</Descriptions.Item>
        <Descriptions.Item label="方式">{MODES[job.mode] ?? job.mode}</Descriptions.Item>
        <Descriptions.Item label="上传时间">{chinaDateTime(job.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Progress
        percent={percent}
        status={job.status === 'completed' ? 'success' : done ? 'exception' : 'active'}
        aria-label="导入进度"
        data-testid="import-progress"
      />
      <Space size={48} style={{ margin: '12px 0' }} wrap>
        <Statistic title="总行数" value={job.totalRows} groupSeparator="," />
        <Statistic title="已处理" value={job.processedRows} groupSeparator="," />
        <Statistic title="新增" value={job.insertedRows} groupSeparator="," />
        <Statistic title="更新" value={job.updatedRows} groupSeparator="," />
        <Statistic title="错误" value={job.errorCount} groupSeparator="," valueStyle={job.errorCount ? { color: '#a8071a' } : undefined} />
      </Space>
      {job.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="文件中有错误，整个文件未导入"
          description="请按下表逐行改正后重新上传；或选择“导入正确的行，报告错误行”。"
        />
      )}
      {job.status === 'completed' && job.errorCount > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="正确的行已导入；下表中的行未导入，请改正后重新上传这些行" />
      )}
      {done && job.errorCount > 0 && (
        <>
          <Typography.Title level={5}>
            逐行错误
            {job.errorCount > job.errors.length
              ? `（仅显示前 ${job.errors.length.toLocaleString('zh-CN')} 条，共 ${job.errorCount.toLocaleString('zh-CN')} 条）`
              : ''}
          </Typography.Title>
          <Table
            data-testid="import-errors"
            rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
            size="small"
            columns={columns}
            dataSource={job.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        </>
      )}
      {done && job.errorCount === 0 && job.status === 'completed' && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="全部行已导入，没有错误" />
      )}
    </Card>
  );
}

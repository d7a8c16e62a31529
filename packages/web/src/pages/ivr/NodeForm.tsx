import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Divider, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, LoginOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CONDITION_OPERATORS,
  DTMF_KEYS,
  IVR_LANGUAGES,
  LOOKUP_KINDS,
  NODE_ID_PATTERN,
  flowNodes,
  isEmptyPrompt,
  isKnownType,
  nodeType,
  problemsAt,
  referrersOf,
  replaceNode,
  type BranchRule,
  type Condition,
  type ConditionOperator,
  type FlowProblem,
  type IvrFlow,
  type IvrNode,
  type JsonPath,
  type MenuOption,
  type Prompt,
} from './flow.ts';
import type { QueueOption } from './api.ts';
import { NODE_COLORS, nodeTypeText, problemText } from './labels.ts';

interface Props {
  flow: IvrFlow;
  nodeId: string;
  problems: FlowProblem[];
  /** The tenant's queues by code, or null when the user may not list them (free text then). */
  queues: QueueOption[] | null;
  editable: boolean;
  onChange: (flow: IvrFlow) => void;
  onRename: (from: string, to: string) => void;
  onDelete: (nodeId: string) => void;
  onSetEntry: (nodeId: string) => void;
  onSelect: (nodeId: string) => void;
}

type Patch = Record<string, unknown>;

/** The side form of one node: its fields by type, with the server's problems shown on the fields they concern. */
export function NodeForm({ flow, nodeId, problems, queues, editable, onChange, onRename, onDelete, onSetEntry, onSelect }: Props) {
  const { t } = useTranslation();
  const nodes = flowNodes(flow);
  const node = nodes[nodeId] as IvrNode | undefined;
  const [idDraft, setIdDraft] = useState(nodeId);
  const idError =
    idDraft === nodeId ? null : !NODE_ID_PATTERN.test(idDraft) ? t('ivr.form.idInvalid') : idDraft in nodes ? t('ivr.form.idTaken') : null;

  if (!node) return null;
  const type = nodeType(node);
  const record = node as unknown as Record<string, unknown>;
  const disabled = !editable;

  const patch = (changes: Patch) => {
    const next: Record<string, unknown> = { ...record };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    onChange(replaceNode(flow, nodeId, next as unknown as IvrNode));
  };

  /** Form.Item props that show the problems at `path` (under this node) on the field. */
  const at = (...path: JsonPath) => {
    const found = problemsAt(problems, ['nodes', nodeId, ...path]);
    if (found.length === 0) return {};
    const error = found.some((p) => p.severity === 'error');
    return {
      validateStatus: error ? ('error' as const) : ('warning' as const),
      help: found.map((p) => problemText(p)).join('；'),
    };
  };

  const nodeOptions = Object.keys(nodes).map((id) => {
    const other = nodes[id];
    const label = typeof (other as { label?: unknown }).label === 'string' ? ` · ${(other as { label: string }).label}` : '';
    return { value: id, label: `${id} (${nodeTypeText(nodeType(other))})${label}` };
  });

  const target = (value: unknown, onPick: (id: string) => void, testId?: string) => (
    <Flex gap={4}>
      <Select
        data-testid={testId}
        style={{ flex: 1, minWidth: 0 }}
        value={typeof value === 'string' && value ? value : undefined}
        placeholder={t('ivr.form.pickNode')}
        options={nodeOptions}
        showSearch={{ optionFilterProp: 'label' }}
        disabled={disabled}
        onChange={(id: string) => onPick(id)}
      />
      {typeof value === 'string' && value in nodes && (
        <Button onClick={() => onSelect(value)} title={t('ivr.form.goTo')}>
          {t('ivr.form.goTo')}
        </Button>
      )}
    </Flex>
  );

  const prompt = (key: string, required: boolean, label: string) => (
    <PromptFields
      key={key}
      label={label}
      value={record[key] as Prompt | undefined}
      required={required}
      disabled={disabled}
      status={at(key)}
      testId={`ivr-field-${key}`}
      onChange={(value) => patch({ [key]: value })}
    />
  );

  const number = (key: string, label: string, min: number, max: number, optional = true) => (
    <Form.Item label={label} {...at(key)}>
      <InputNumber
        min={min}
        max={max}
        value={typeof record[key] === 'number' ? (record[key] as number) : null}
        disabled={disabled}
        style={{ width: '100%' }}
        onChange={(value) => patch({ [key]: value === null ? (optional ? undefined : min) : value })}
      />
    </Form.Item>
  );

  const queueField = (value: unknown, onPick: (code: string | undefined) => void, optional: boolean, path: JsonPath, testId: string) => (
    <Form.Item label={optional ? t('ivr.form.handlingQueue') : t('ivr.form.queue')} required={!optional} {...at(...path)}>
      {queues ? (
        <Select
          data-testid={testId}
          value={typeof value === 'string' && value ? value : undefined}
          allowClear={optional}
          placeholder={optional ? t('ivr.form.defaultQueue') : t('ivr.form.pickQueue')}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={disabled}
          options={queues.map((q) => ({ value: q.code, label: `${q.code} · ${q.name}${q.channel === 'voice' ? '' : ` (${q.channel})`}` }))}
          onChange={(code?: string) => onPick(code || undefined)}
        />
      ) : (
        <Input data-testid={testId} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onPick(e.target.value || undefined)} />
      )}
    </Form.Item>
  );

  const refs = referrersOf(flow, nodeId);
  const isEntry = flow.entry === nodeId;

  let fields: ReactNode;
  switch (type) {
    case 'play':
      fields = (
        <>
          {prompt('prompt', true, t('ivr.form.prompt'))}
          <Form.Item label={t('ivr.form.next')} required {...at('next')}>
            {target(record.next, (id) => patch({ next: id }))}
          </Form.Item>
        </>
      );
      break;
    case 'menu': {
      const options = Array.isArray(record.options) ? (record.options as MenuOption[]) : [];
      const setOptions = (next: MenuOption[]) => patch({ options: next });
      fields = (
        <>
          {prompt('prompt', true, t('ivr.form.prompt'))}
          <Form.Item label={t('ivr.form.options')} required {...(options.length === 0 ? at('options') : {})}>
            <Flex vertical gap={8} data-testid="ivr-menu-options">
              {options.map((option, index) => (
                <Flex key={index} gap={4} align="start">
                  <Form.Item {...at('options', index, 'digit')} style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 64 }}
                      value={option.digit}
                      disabled={disabled}
                      options={DTMF_KEYS.map((key) => ({ value: key, label: key }))}
                      onChange={(digit) => setOptions(options.map((o, i) => (i === index ? { ...o, digit } : o)))}
                    />
                  </Form.Item>
                  <Form.Item {...at('options', index, 'next')} style={{ marginBottom: 0, flex: 1, minWidth: 0 }}>
                    {target(option.next, (id) => setOptions(options.map((o, i) => (i === index ? { ...o, next: id } : o))))}
                  </Form.Item>
                  <Input
                    style={{ width: 110 }}
                    placeholder={t('ivr.form.optionLabel')}
                    value={option.label ?? ''}
                    disabled={disabled}
                    onChange={(e) =>
                      setOptions(options.map((o, i) => (i === index ? withOptional(o, 'label', e.target.value || undefined) : o)))
                    }
                  />
                  {editable && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('ivr.form.remove')}
                      disabled={options.length <= 1}
                      onClick={() => setOptions(options.filter((_o, i) => i !== index))}
                    />
                  )}
                </Flex>
              ))}
              {editable && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={options.length >= DTMF_KEYS.length}
                  onClick={() => {
                    const used = new Set(options.map((o) => o.digit));
                    const digit = DTMF_KEYS.find((key) => !used.has(key)) ?? '1';
                    setOptions([...options, { digit, next: typeof record.onInvalid === 'string' ? record.onInvalid : '' }]);
                  }}
                >
                  {t('ivr.form.addOption')}
                </Button>
              )}
            </Flex>
          </Form.Item>
          <Flex gap={12}>
            {number('retries', t('ivr.form.retries'), 0, 5)}
            {number('timeoutSeconds', t('ivr.form.timeoutSeconds'), 1, 60)}
          </Flex>
          <Form.Item label={t('ivr.form.onNoInput')} required {...at('onNoInput')}>
            {target(record.onNoInput, (id) => patch({ onNoInput: id }))}
          </Form.Item>
          <Form.Item label={t('ivr.form.onInvalid')} required {...at('onInvalid')}>
            {target(record.onInvalid, (id) => patch({ onInvalid: id }))}
          </Form.Item>
          {prompt('noInputPrompt', false, t('ivr.form.noInputPrompt'))}
          {prompt('invalidPrompt', false, t('ivr.form.invalidPrompt'))}
        </>
      );
      break;
    }
    case 'collect':
      fields = (
        <>
          {prompt('prompt', true, t('ivr.form.prompt'))}
          <Form.Item label={t('ivr.form.variable')} required {...at('variable')}>
            <Input value={typeof record.variable === 'string' ? record.variable : ''} disabled={disabled} onChange={(e) => patch({ variable: e.target.value })} />
          </Form.Item>
          <Flex gap={12}>
            {number('minDigits', t('ivr.form.minDigits'), 1, 32)}
            {number('maxDigits', t('ivr.form.maxDigits'), 1, 32, false)}
          </Flex>
          <Flex gap={12}>
            <Form.Item label={t('ivr.form.terminator')} {...at('terminator')}>
              <Select
                style={{ width: 100 }}
                value={record.terminator === null ? 'none' : typeof record.terminator === 'string' ? record.terminator : '#'}
                disabled={disabled}
                options={[
                  { value: '#', label: '#' },
                  { value: '*', label: '*' },
                  { value: 'none', label: t('ivr.form.noTerminator') },
                ]}
                onChange={(value: string) => patch({ terminator: value === 'none' ? null : value })}
              />
            </Form.Item>
            {number('timeoutSeconds', t('ivr.form.timeoutSeconds'), 1, 60)}
            {number('retries', t('ivr.form.retries'), 0, 5)}
          </Flex>
          <Form.Item label={t('ivr.form.next')} required {...at('next')}>
            {target(record.next, (id) => patch({ next: id }))}
          </Form.Item>
          <Form.Item label={t('ivr.form.onNoInput')} required {...at('onNoInput')}>
            {target(record.onNoInput, (id) => patch({ onNoInput: id }))}
          </Form.Item>
          <Form.Item label={t('ivr.form.onInvalid')} required {...at('onInvalid')}>
            {target(record.onInvalid, (id) => patch({ onInvalid: id }))}
          </Form.Item>
          {prompt('noInputPrompt', false, t('ivr.form.noInputPrompt'))}
          {prompt('invalidPrompt', false, t('ivr.form.invalidPrompt'))}
        </>
      );
      break;
    case 'branch': {
      const rules = Array.isArray(record.rules) ? (record.rules as BranchRule[]) : [];
      const setRule = (index: number, rule: BranchRule) => patch({ rules: rules.map((r, i) => (i === index ? rule : r)) });
      fields = (
        <>
          {rules.map((rule, index) => {
            const conditions = Array.isArray(rule.conditions) ? rule.conditions : [];
            return (
              <Card
                key={index}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('ivr.edge.rule', { n: index + 1 })}
                extra={
                  editable && (
                    <Button
                      type="text"
                      size="small"
                      icon={<MinusCircleOutlined />}
                      disabled={rules.length <= 1}
                      onClick={() => patch({ rules: rules.filter((_r, i) => i !== index) })}
                    >
                      {t('ivr.form.remove')}
                    </Button>
                  )
                }
              >
                <Form.Item label={t('ivr.form.ruleLabel')}>
                  <Input value={rule.label ?? ''} disabled={disabled} onChange={(e) => setRule(index, withOptional(rule, 'label', e.target.value || undefined))} />
                </Form.Item>
                <Form.Item label={t('ivr.form.conditions')} {...at('rules', index, 'conditions')}>
                  <Flex vertical gap={6}>
                    {conditions.map((condition, ci) => (
                      <ConditionRow
                        key={ci}
                        value={condition}
                        disabled={disabled}
                        removable={editable && conditions.length > 1}
                        onChange={(next) => setRule(index, { ...rule, conditions: conditions.map((c, i) => (i === ci ? next : c)) })}
                        onRemove={() => setRule(index, { ...rule, conditions: conditions.filter((_c, i) => i !== ci) })}
                      />
                    ))}
                    {editable && (
                      <Button
                        type="dashed"
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => setRule(index, { ...rule, conditions: [...conditions, { operator: 'exists', variable: 'customer.id' }] })}
                      >
                        {t('ivr.form.addCondition')}
                      </Button>
                    )}
                  </Flex>
                </Form.Item>
                <Form.Item label={t('ivr.form.next')} required style={{ marginBottom: 0 }} {...at('rules', index, 'next')}>
                  {target(rule.next, (id) => setRule(index, { ...rule, next: id }))}
                </Form.Item>
              </Card>
            );
          })}
          {editable && (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              style={{ marginBottom: 16 }}
              onClick={() =>
                patch({ rules: [...rules, { conditions: [{ operator: 'exists', variable: 'customer.id' }], next: typeof record.otherwise === 'string' ? record.otherwise : '' }] })
              }
            >
              {t('ivr.form.addRule')}
            </Button>
          )}
          <Form.Item label={t('ivr.form.otherwise')} required {...at('otherwise')}>
            {target(record.otherwise, (id) => patch({ otherwise: id }))}
          </Form.Item>
        </>
      );
      break;
    }
    case 'lookup':
      fields = (
        <>
          <Form.Item label={t('ivr.form.lookupKind')} {...at('lookup')}>
            <Select
              value={typeof record.lookup === 'string' ? record.lookup : undefined}
              disabled={disabled}
              options={LOOKUP_KINDS.map((kind) => ({ value: kind, label: t(`ivr.lookupKind.${kind}`) }))}
              onChange={(lookup: string) => patch({ lookup })}
            />
          </Form.Item>
          <Form.Item label={t('ivr.form.lookupInput')} required={record.lookup === 'ticket_status'} {...at('input')}>
            <Input
              value={typeof record.input === 'string' ? record.input : ''}
              placeholder="ticketNumber"
              disabled={disabled}
              onChange={(e) => patch({ input: e.target.value || undefined })}
            />
          </Form.Item>
          <Form.Item label={t('ivr.form.onFound')} required {...at('onFound')}>
            {target(record.onFound, (id) => patch({ onFound: id }))}
          </Form.Item>
          <Form.Item label={t('ivr.form.onNotFound')} required {...at('onNotFound')}>
            {target(record.onNotFound, (id) => patch({ onNotFound: id }))}
          </Form.Item>
        </>
      );
      break;
    case 'set': {
      const skills = Array.isArray(record.skills) ? (record.skills as { skill: string; minLevel?: number }[]) : [];
      const attributes = record.attributes && typeof record.attributes === 'object' ? Object.entries(record.attributes as Record<string, string>) : [];
      const setAttributes = (entries: [string, string][]) => patch({ attributes: entries.length ? Object.fromEntries(entries) : undefined });
      fields = (
        <>
          <Form.Item label={t('ivr.form.skills')} {...at('skills')}>
            <Flex vertical gap={6}>
              {skills.map((skill, index) => (
                <Flex key={index} gap={4}>
                  <Input
                    placeholder={t('ivr.form.skill')}
                    value={skill.skill}
                    disabled={disabled}
                    onChange={(e) => patch({ skills: skills.map((s, i) => (i === index ? { ...s, skill: e.target.value } : s)) })}
                  />
                  <InputNumber
                    min={1}
                    max={10}
                    placeholder={t('ivr.form.minLevel')}
                    value={skill.minLevel ?? null}
                    disabled={disabled}
                    onChange={(level) =>
                      patch({ skills: skills.map((s, i) => (i === index ? withOptional(s, 'minLevel', level ?? undefined) : s)) })
                    }
                  />
                  {editable && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => {
                        const rest = skills.filter((_s, i) => i !== index);
                        patch({ skills: rest.length ? rest : undefined });
                      }}
                    />
                  )}
                </Flex>
              ))}
              {editable && (
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => patch({ skills: [...skills, { skill: '', minLevel: 1 }] })}>
                  {t('ivr.form.addSkill')}
                </Button>
              )}
            </Flex>
          </Form.Item>
          <Flex gap={12}>
            {number('priority', t('ivr.form.priority'), 0, 100)}
            <Form.Item label={t('ivr.form.language')} {...at('language')} style={{ flex: 1 }}>
              <Select
                allowClear
                value={typeof record.language === 'string' ? record.language : undefined}
                disabled={disabled}
                options={IVR_LANGUAGES.map((lang) => ({ value: lang, label: t(`ivr.language.${lang}`) }))}
                onChange={(language?: string) => patch({ language: language || undefined })}
              />
            </Form.Item>
          </Flex>
          <Form.Item label={t('ivr.form.attributes')} {...at('attributes')}>
            <Flex vertical gap={6}>
              {attributes.map(([name, value], index) => (
                <Flex key={index} gap={4}>
                  <Input
                    placeholder={t('ivr.form.attrName')}
                    value={name}
                    disabled={disabled}
                    onChange={(e) => setAttributes(attributes.map((entry, i) => (i === index ? [e.target.value, entry[1]] : entry)))}
                  />
                  <Input
                    placeholder={t('ivr.form.attrValue')}
                    value={value}
                    disabled={disabled}
                    onChange={(e) => setAttributes(attributes.map((entry, i) => (i === index ? [entry[0], e.target.value] : entry)))}
                  />
                  {editable && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => setAttributes(attributes.filter((_a, i) => i !== index))} />}
                </Flex>
              ))}
              {editable && (
                <Button
                  type="dashed"
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAttributes([...attributes, [`attr${attributes.length + 1}`, '']])}
                >
                  {t('ivr.form.addAttribute')}
                </Button>
              )}
            </Flex>
          </Form.Item>
          <Form.Item label={t('ivr.form.next')} required {...at('next')}>
            {target(record.next, (id) => patch({ next: id }))}
          </Form.Item>
        </>
      );
      break;
    }
    case 'transfer': {
      const to = (record.target && typeof record.target === 'object' ? record.target : {}) as Record<string, unknown>;
      fields = (
        <>
          <Form.Item label={t('ivr.form.targetKind')} required>
            <Radio.Group
              value={to.kind === 'agent' ? 'agent' : 'queue'}
              disabled={disabled}
              optionType="button"
              options={[
                { value: 'queue', label: t('ivr.form.targetQueue') },
                { value: 'agent', label: t('ivr.form.targetAgent') },
              ]}
              onChange={(e) => patch({ target: e.target.value === 'agent' ? { kind: 'agent', agentId: '' } : { kind: 'queue', queueId: '' } })}
            />
          </Form.Item>
          {to.kind === 'agent' ? (
            <Form.Item label={t('ivr.form.agentId')} required {...at('target', 'agentId')}>
              <Input value={typeof to.agentId === 'string' ? to.agentId : ''} disabled={disabled} onChange={(e) => patch({ target: { kind: 'agent', agentId: e.target.value } })} />
            </Form.Item>
          ) : (
            queueField(to.queueId, (code) => patch({ target: { kind: 'queue', queueId: code ?? '' } }), false, ['target', 'queueId'], 'ivr-field-queue')
          )}
          {prompt('prompt', false, t('ivr.form.prompt'))}
        </>
      );
      break;
    }
    case 'voicemail':
      fields = (
        <>
          {prompt('prompt', false, t('ivr.form.prompt'))}
          {queueField(record.queueId, (code) => patch({ queueId: code }), true, ['queueId'], 'ivr-field-queue')}
          {number('maxSeconds', t('ivr.form.maxSeconds'), 10, 600)}
        </>
      );
      break;
    case 'callback':
      fields = (
        <>
          {prompt('prompt', false, t('ivr.form.prompt'))}
          {queueField(record.queueId, (code) => patch({ queueId: code }), true, ['queueId'], 'ivr-field-queue')}
        </>
      );
      break;
    case 'hangup':
      fields = prompt('prompt', false, t('ivr.form.prompt'));
      break;
    default:
      fields = <Alert type="warning" showIcon title={t('ivr.form.unknownType', { type: type || '?' })} />;
  }

  const nodeLevel = problems.filter((p) => p.path.length === 2 && p.path[0] === 'nodes' && p.path[1] === nodeId);

  return (
    <Form layout="vertical" requiredMark="optional" data-testid="ivr-node-form" component="div" size="small">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Space size={6} wrap>
          <Tag color={NODE_COLORS[type] ?? 'default'}>{nodeTypeText(type)}</Tag>
          <Typography.Text strong code>
            {nodeId}
          </Typography.Text>
          {isEntry && <Tag icon={<LoginOutlined />} color="blue">{t('ivr.tree.entry')}</Tag>}
        </Space>
        {editable && (
          <Space size={4}>
            {!isEntry && isKnownType(type) && (
              <Button size="small" icon={<LoginOutlined />} onClick={() => onSetEntry(nodeId)}>
                {t('ivr.form.setEntry')}
              </Button>
            )}
            <Popconfirm
              title={t('ivr.form.deleteConfirm', { id: nodeId })}
              description={refs.nodes.length > 0 ? t('ivr.form.deleteRefs', { ids: refs.nodes.join(', ') }) : undefined}
              okText={t('ivr.form.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              disabled={isEntry}
              onConfirm={() => onDelete(nodeId)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} disabled={isEntry} title={isEntry ? t('ivr.form.deleteEntry') : undefined} data-testid="ivr-node-delete">
                {t('ivr.form.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Flex>
      {nodeLevel.length > 0 && (
        <Alert
          type={nodeLevel.some((p) => p.severity === 'error') ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={nodeLevel.map((p) => problemText(p)).join('；')}
        />
      )}
      <Flex gap={12}>
        <Form.Item
          label={t('ivr.form.id')}
          required
          style={{ flex: 1 }}
          validateStatus={idError ? 'error' : undefined}
          help={idError ?? undefined}
          tooltip={t('ivr.form.idHint')}
        >
          <Input
            data-testid="ivr-field-id"
            value={idDraft}
            disabled={disabled}
            onChange={(e) => setIdDraft(e.target.value.trim())}
            onBlur={() => {
              if (!idError && idDraft !== nodeId) onRename(nodeId, idDraft);
            }}
            onPressEnter={() => {
              if (!idError && idDraft !== nodeId) onRename(nodeId, idDraft);
            }}
          />
        </Form.Item>
        <Form.Item label={t('ivr.form.label')} style={{ flex: 1 }} {...at('label')}>
          <Input
            data-testid="ivr-field-label"
            value={typeof record.label === 'string' ? record.label : ''}
            disabled={disabled}
            onChange={(e) => patch({ label: e.target.value || undefined })}
          />
        </Form.Item>
      </Flex>
      <Divider style={{ margin: '4px 0 12px' }} />
      {fields}
    </Form>
  );
}

function withOptional<T extends object>(object: T, key: string, value: unknown): T {
  const next = { ...object } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}

/** Chinese (required where the prompt is) and English text of a prompt; an optional prompt left empty is removed. */
function PromptFields({
  label,
  value,
  required,
  disabled,
  status,
  testId,
  onChange,
}: {
  label: string;
  value: Prompt | undefined;
  required: boolean;
  disabled: boolean;
  status: { validateStatus?: 'error' | 'warning'; help?: string };
  testId: string;
  onChange: (prompt: Prompt | undefined) => void;
}) {
  const { t } = useTranslation();
  const text = value && typeof value === 'object' && value.text && typeof value.text === 'object' ? value.text : {};
  const set = (language: 'zh-CN' | 'en', content: string) => {
    const nextText: Prompt['text'] = { ...text };
    if (content) nextText[language] = content;
    else delete nextText[language];
    const next: Prompt = { ...(value ?? {}), text: nextText, audio: value?.audio ?? {} };
    onChange(!required && isEmptyPrompt(next) ? undefined : next);
  };
  return (
    <Form.Item label={label} required={required} {...status} tooltip={t('ivr.form.placeholdersHint')}>
      <Flex vertical gap={6}>
        <Input.TextArea
          data-testid={`${testId}-zh`}
          autoSize={{ minRows: 1, maxRows: 5 }}
          maxLength={1000}
          placeholder={t('ivr.form.promptZh')}
          value={text['zh-CN'] ?? ''}
          disabled={disabled}
          onChange={(e) => set('zh-CN', e.target.value)}
        />
        <Input.TextArea
          data-testid={`${testId}-en`}
          autoSize={{ minRows: 1, maxRows: 5 }}
          maxLength={1000}
          placeholder={t('ivr.form.promptEn')}
          value={text.en ?? ''}
          disabled={disabled}
          onChange={(e) => set('en', e.target.value)}
        />
      </Flex>
    </Form.Item>
  );
}

function ConditionRow({
  value,
  disabled,
  removable,
  onChange,
  onRemove,
}: {
  value: Condition;
  disabled: boolean;
  removable: boolean;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const variable = typeof value.variable === 'string' ? value.variable : '';
  const setOperator = (operator: ConditionOperator) => {
    const old = value as Record<string, unknown>;
    const first = typeof old.value === 'string' ? old.value : Array.isArray(old.values) ? String(old.values[0] ?? '') : '';
    switch (operator) {
      case 'eq':
      case 'neq':
        return onChange({ operator, variable, value: first });
      case 'in':
        return onChange({ operator, variable, values: first ? [first] : [] });
      case 'regex':
        return onChange({ operator, variable, pattern: typeof old.pattern === 'string' ? old.pattern : first });
      case 'exists':
        return onChange({ operator, variable });
    }
  };
  return (
    <Flex gap={4} wrap>
      <Input
        style={{ width: 140 }}
        placeholder={t('ivr.form.variable')}
        value={variable}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, variable: e.target.value })}
      />
      <Select
        style={{ width: 110 }}
        value={value.operator}
        disabled={disabled}
        options={CONDITION_OPERATORS.map((operator) => ({ value: operator, label: t(`ivr.operator.${operator}`) }))}
        onChange={setOperator}
      />
      {(value.operator === 'eq' || value.operator === 'neq') && (
        <Input style={{ flex: 1, minWidth: 80 }} placeholder={t('ivr.form.value')} value={value.value} disabled={disabled} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      )}
      {value.operator === 'in' && (
        <Select
          mode="tags"
          style={{ flex: 1, minWidth: 120 }}
          placeholder={t('ivr.form.values')}
          value={Array.isArray(value.values) ? value.values : []}
          disabled={disabled}
          onChange={(values: string[]) => onChange({ ...value, values })}
        />
      )}
      {value.operator === 'regex' && (
        <Input style={{ flex: 1, minWidth: 80 }} placeholder={t('ivr.form.pattern')} value={value.pattern} disabled={disabled} onChange={(e) => onChange({ ...value, pattern: e.target.value })} />
      )}
      {removable && <Button type="text" icon={<MinusCircleOutlined />} onClick={onRemove} />}
    </Flex>
  );
}

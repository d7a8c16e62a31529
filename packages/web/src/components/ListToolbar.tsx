import { Button } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The admin lists' header: refresh, and a create button for those who may create. */
export function ListToolbar({ onReload, create }: { onReload: () => void; create?: { label: string; testId: string; onClick: () => void } | false }) {
  const { t } = useTranslation();
  return (
    <>
      <Button icon={<ReloadOutlined />} onClick={onReload}>
        {t('common.refresh')}
      </Button>
      {create && (
        <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={create.testId}>
          {create.label}
        </Button>
      )}
    </>
  );
}

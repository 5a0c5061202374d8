import { Page } from '../../components/page';
import { t } from '../../i18n';

export default function Home() {
  return <Page title={t('farmer.home.title')}>{null}</Page>;
}

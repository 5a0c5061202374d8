import { Page } from '../../components/page';
import { t } from '../../i18n';

/** Placeholder: the province screens are built on this foundation (issue 13, part 2). */
export default function Home() {
  return <Page title={t('province.home.title')}>{null}</Page>;
}

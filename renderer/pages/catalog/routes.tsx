import type { AppRoute } from '../../app/routes';
import { ArticlePage } from './article-page';
import { ArticlesPage } from './articles-page';
import { ProductGroupsPage } from './product-groups-page';
import { ProjectsPage } from './projects-page';
import { TaxGroupsPage } from './tax-groups-page';

export const catalogRoutes: readonly AppRoute[] = [
  { path: '/artikel', element: <ArticlesPage />, nav: { group: 'catalog', label: 'Artikel', order: 10 } },
  { path: '/artikel/:id', element: <ArticlePage /> },
  { path: '/projekte', element: <ProjectsPage />, nav: { group: 'catalog', label: 'Projekte verwalten', order: 20 } },
  { path: '/warengruppen', element: <ProductGroupsPage />, nav: { group: 'catalog', label: 'Warengruppen', order: 30 } },
  { path: '/steuergruppen', element: <TaxGroupsPage />, nav: { group: 'catalog', label: 'Steuergruppen', order: 40 } },
];

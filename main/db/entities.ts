// Every EntitySchema of every area, for the DataSource.
import type { EntitySchema } from 'typeorm';
import { bankEntities } from '../bank/entities';
import { billingEntities } from '../billing/entities';
import { catalogEntities } from '../catalog/entities';
import { companyEntities } from '../company/entities';
import { contractEntities } from '../contracts/entities';
import { customerEntities } from '../customers/entities';
import { datevEntities } from '../datev/entities';
import { documentEntities } from '../documents/entities';
import { transferEntities } from '../transfer/entities';

export const allEntities: EntitySchema[] = [...companyEntities, ...bankEntities, ...customerEntities, ...catalogEntities, ...documentEntities, ...contractEntities, ...billingEntities, ...transferEntities, ...datevEntities];

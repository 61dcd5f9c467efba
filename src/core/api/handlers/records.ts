import { z } from 'zod';
import { RECORD_TABLES, listRecords, type RecordsPage } from '../../store/records';
import { domain, page, request } from './context';

/** The imported rows of each table, paged and searchable, so a number can be checked back to rows. */
export const records = domain(
  {
    'records:list': request({
      table: z.enum(RECORD_TABLES),
      search: z.string().max(200).optional(),
      ...page,
    }),
  },
  {
    'records:list': (r, context): RecordsPage =>
      listRecords(context.db(), {
        table: r.table,
        offset: r.offset,
        limit: r.limit,
        ...(r.search ? { search: r.search } : {}),
      }),
  },
);

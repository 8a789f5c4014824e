import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// .openapi() on schemas needs this once before any schema module runs; importing z from here
// guarantees it whatever the import order.
extendZodWithOpenApi(z);

export { z };

import { Controller, Get, Header, Query } from '@nestjs/common';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import { Public } from '@masks/core';
import { MaskCategory } from '@masks/catalog';
import { CertifiedSuppliersSort } from './domain/certified-suppliers-sort';
import { CERTIFIED_SUPPLIERS_CSV_COLUMNS, CertifiedSuppliersService } from './certified-suppliers.service';

class CertifiedSuppliersCsvQuery {
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'region must be an official region code' })
  region?: string;

  @IsOptional()
  @IsEnum(CertifiedSuppliersSort)
  sort?: CertifiedSuppliersSort;
}

/** The public list as a file anyone can open in a spreadsheet, no login. */
@Controller('public')
export class CertifiedSuppliersController {
  constructor(private readonly suppliers: CertifiedSuppliersService) {}

  @Get('certified-suppliers.csv')
  @Public()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="fournisseurs-certifies.csv"')
  async csv(@Query() query: CertifiedSuppliersCsvQuery): Promise<string> {
    const records = await this.suppliers.csvRecords(
      { category: query.category, regionCode: query.region },
      query.sort,
    );
    // French Excel expects ";" as the separator (the comma is its decimal mark) and only reads the
    // file as UTF-8, accents included, when it starts with a byte order mark.
    return stringify([CERTIFIED_SUPPLIERS_CSV_COLUMNS, ...records], {
      delimiter: ';',
      bom: true,
      record_delimiter: 'windows',
    });
  }
}

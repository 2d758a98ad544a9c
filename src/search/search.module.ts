import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** The search box on every screen: one read across partners, contacts and programs (read-side/search.query.ts). */
@Module({
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}

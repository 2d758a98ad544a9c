import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { SearchQueryDto, SearchResponseDto } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Search partners, contacts and programs at once (the search box on every screen)',
    description:
      'Up to 5 of each, the most relevant first: a name equal to `q`, then names starting with it, then names with a word ' +
      'starting with it, then other matches, closest name first. Ignores case and accents. Contacts are found and shown ' +
      'as the caller may see them: for viewers `q` matches name and title only, and email, phone and notes are null.',
  })
  @ApiOkResponse({ type: SearchResponseDto })
  @ApiProblems(400)
  search(@Query() query: SearchQueryDto, @CurrentUser() user: AuthUser): Promise<SearchResponseDto> {
    return this.searchService.search(query.q, user);
  }
}

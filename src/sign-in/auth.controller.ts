import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, RequirePermission } from '../auth/auth.decorators';
import { UnauthorizedError } from '../common/errors/domain-error';
import { ApiProblems } from '../common/openapi/problem.schema';
import { appConfig, AppConfig } from '../config/configuration';
import type { User } from '../user/user.entity';
import { toUserResponse } from '../user/user.mapper';
import { AuthUser } from '../auth/auth-user';
import { InvalidRefreshTokenError } from './sign-in.errors';
import { SignInService } from './sign-in.service';
import { CurrentUserResponseDto } from './mfa/dto/mfa.dto';
import { AllowedDuringMfaSetup } from './mfa/mfa-setup.guard';
import { MfaService } from './mfa/mfa.service';
import {
  AcceptInvitationDto,
  AccessTokenResponseDto,
  ChangePasswordDto,
  LoginDto,
  LoginResponseDto,
  SetupDto,
  SetupResponseDto,
  SetupStateResponseDto,
  UpdateProfileDto,
} from './dto/sign-in.dto';
import { LocalAuthGuard } from './local.strategy';
import { clearRefreshCookie, readRefreshCookie, REFRESH_COOKIE, setRefreshCookie } from './refresh-cookie';
import { IssuedTokens } from './session.service';

// The routes are /auth/*, and the OpenAPI operation ids (AuthController_login, …) name the class.
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: SignInService,
    private readonly mfa: MfaService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  @Get('setup')
  @Public()
  @ApiOperation({ summary: 'Whether the first admin may still be created (the sign-in page offers setup only then)' })
  @ApiOkResponse({ type: SetupStateResponseDto })
  async setupState(): Promise<SetupStateResponseDto> {
    return { open: await this.auth.setupOpen() };
  }

  @Post('setup')
  @Public()
  @ApiOperation({ summary: 'Create the first admin (only while Tandem has no user)' })
  @ApiCreatedResponse({ type: SetupResponseDto })
  @ApiProblems(400, 409)
  async setup(@Body() dto: SetupDto): Promise<SetupResponseDto> {
    return { user: toUserResponse(await this.auth.setup(dto)) };
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiOperation({
    summary: 'Sign in; sets the httpOnly refresh cookie',
    description:
      'With two-factor on, a right password without `otp` is 401 `MFA_REQUIRED` and a wrong or used `otp` 401 `MFA_INVALID` (counted like a ' +
      'wrong password). `user.mfaSetupRequired` says the person must set up two-factor before anything else.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 429)
  async login(
    @Req() request: Request & { user: User },
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    const tokens = await this.auth.login(request.user);
    return { ...this.respondWithTokens(response, tokens), user: await this.mfa.currentUser(request.user) };
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: 'New access token from the refresh cookie; rotates the cookie',
    description:
      'Presenting an already-rotated refresh token answers 401 and ends that whole session, except within a few seconds of its rotation (several tabs refreshing at once), when it is answered like the first time.',
  })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiProblems(401)
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccessTokenResponseDto> {
    const presented = readRefreshCookie(request);
    if (!presented) throw new InvalidRefreshTokenError('No refresh cookie was sent; sign in again.');
    try {
      return this.respondWithTokens(response, await this.auth.refresh(presented));
    } catch (error) {
      // Only a refused token ends the session in the browser; a failure on our side (the
      // database unreachable: 503) keeps the cookie, so the same session works once it is back.
      if (error instanceof UnauthorizedError) clearRefreshCookie(response, this.app.publicUrl);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission('self.manage')
  @AllowedDuringMfaSetup()
  @ApiOperation({ summary: 'Sign out: the session and its refresh token are revoked' })
  @ApiNoContentResponse()
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(user, readRefreshCookie(request));
    clearRefreshCookie(response, this.app.publicUrl);
  }

  @Get('me')
  @RequirePermission('self.manage')
  @AllowedDuringMfaSetup()
  @ApiOperation({
    summary: 'The signed-in user',
    description: '`mfaSetupRequired`: the person must set up two-factor sign-in before anything else.',
  })
  @ApiOkResponse({ type: CurrentUserResponseDto })
  async me(@CurrentUser() user: AuthUser): Promise<CurrentUserResponseDto> {
    return this.mfa.currentUser(await this.auth.me(user));
  }

  @Patch('me')
  @RequirePermission('self.manage')
  @ApiOperation({
    summary: 'Change your own name or time zone',
    description: 'Send the `version` you read to be told (409) when it changed meanwhile.',
  })
  @ApiOkResponse({ type: CurrentUserResponseDto })
  @ApiProblems(400, 409)
  async updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<CurrentUserResponseDto> {
    return this.mfa.currentUser(await this.auth.updateProfile(user, dto));
  }

  @Post('password')
  @HttpCode(204)
  @RequirePermission('self.manage')
  @AllowedDuringMfaSetup()
  @ApiOperation({ summary: 'Change your password; your other sessions are signed out' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, dto);
  }

  @Post('accept-invitation')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Choose a password from an invitation link and sign in' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400)
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    const { user, tokens } = await this.auth.acceptInvitation(dto);
    return { ...this.respondWithTokens(response, tokens), user: await this.mfa.currentUser(user) };
  }

  private respondWithTokens(response: Response, tokens: IssuedTokens): AccessTokenResponseDto {
    setRefreshCookie(response, tokens.refreshToken, tokens.refreshExpiresAt, this.app.publicUrl);
    response.setHeader('Cache-Control', 'no-store');
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig } from '../config/configuration';
import { AuditModule } from '../audit/audit.module';
import { PasswordService } from '../auth/password.service';
import { OutboxModule } from '../outbox/outbox.module';
import { InvitationEmailKind } from './invitation-email.kind';
import { Invitation } from './invitation.entity';
import { UserController } from './user.controller';
import { UserDirectoryController } from './user-directory.controller';
import { User } from './user.entity';
import { UserService } from './user.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Invitation]),
    ConfigModule.forFeature(appConfig),
    ConfigModule.forFeature(authConfig),
    OutboxModule,
    AuditModule,
  ],
  // UserDirectoryController first: its /users/directory must match before UserController's /users/:id.
  controllers: [UserDirectoryController, UserController],
  providers: [UserService, PasswordService, InvitationEmailKind],
  exports: [UserService, PasswordService],
})
export class UserModule {}

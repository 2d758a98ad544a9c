import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig } from '../config/configuration';
import { PasswordService } from '../auth/password.service';
import { Invitation } from './invitation.entity';
import { UserController } from './user.controller';
import { User } from './user.entity';
import { UserService } from './user.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Invitation]), ConfigModule.forFeature(appConfig), ConfigModule.forFeature(authConfig)],
  controllers: [UserController],
  providers: [UserService, PasswordService],
  exports: [UserService, PasswordService],
})
export class UserModule {}

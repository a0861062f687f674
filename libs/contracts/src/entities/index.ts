import { ContractPayment } from './contract-payment.entity.js';
import { RegistrationCounter } from './registration-counter.entity.js';
import { TechContract } from './tech-contract.entity.js';

export { ContractPayment, RegistrationCounter, TechContract };
export const contractEntities = [TechContract, ContractPayment, RegistrationCounter];

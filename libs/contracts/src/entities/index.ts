import { ContractEvidence } from './contract-evidence.entity.js';
import { ContractExpertReview } from './contract-expert-review.entity.js';
import { ContractPayment } from './contract-payment.entity.js';
import { RegistrationCounter } from './registration-counter.entity.js';
import { TechContract } from './tech-contract.entity.js';

export { ContractEvidence, ContractExpertReview, ContractPayment, RegistrationCounter, TechContract };
export { EXPERT_OPINIONS, type ExpertOpinion } from './contract-expert-review.entity.js';
export const contractEntities = [TechContract, ContractPayment, RegistrationCounter, ContractExpertReview, ContractEvidence];

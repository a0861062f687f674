import {
  Campaign,
  CampaignContact,
  CampaignConversion,
  CampaignDelivery,
  CampaignUnsubscribe,
  MatchContact,
  MatchConversion,
} from './campaigns.entities.js';

export * from './campaigns.entities.js';
export const campaignsEntities = [
  Campaign,
  CampaignDelivery,
  CampaignUnsubscribe,
  CampaignContact,
  CampaignConversion,
  MatchContact,
  MatchConversion,
];

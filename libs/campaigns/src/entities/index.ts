import {
  Campaign,
  CampaignContact,
  CampaignConversion,
  CampaignDelivery,
  CampaignDeliveryReview,
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
  CampaignDeliveryReview,
  CampaignConversion,
  MatchContact,
  MatchConversion,
];

import { Campaign, CampaignContact, CampaignConversion, CampaignDelivery, CampaignUnsubscribe } from './campaigns.entities.js';

export * from './campaigns.entities.js';
export const campaignsEntities = [Campaign, CampaignDelivery, CampaignUnsubscribe, CampaignContact, CampaignConversion];

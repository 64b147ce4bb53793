export { LikeButton } from './LikeButton';
export { RepostButton } from './RepostButton';
export { FollowButton } from './FollowButton';
export { socialKeys } from './social.keys';
export { refusalReason, useSignInFirst } from './social.hooks';
export { useEngagement, useUserRelation } from './social.relations';
export { patchEverywhere, type Patch } from './social.cache';

import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { TrainingJobEvent } from '../training-job/training-job.service';

export const Subscription: SubscriptionResolvers = {
  trainingJobUpdated: {
    subscribe: (_root, { jobId }, { trainingJobs }) => trainingJobs.updates(jobId),
    resolve: (event: TrainingJobEvent) => event,
  },
};

/** The job queue training jobs go through: the registry enqueues their ids, training workers consume them. */
export const TRAINING_QUEUE = 'training';

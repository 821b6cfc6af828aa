/** Texts of the post-reviews screens. */
export const postReviews = {
  postReviewThread: {
    askBeforePosting: 'Ask before posting',
    thePostChangedSinceThe: 'The post changed since the last request or answer.',
    unsureWhetherThisPostIs: 'Unsure whether this post is all right? Send it to the privacy officer before you approve or publish it.',
    yourAnswer: 'Your answer',
    messageToMarketing: 'Message to marketing',
    whatShouldThePrivacyOfficer: 'What should the privacy officer look at?',
    comment: 'Comment',
    sendTheAnswer: 'Send the answer',
    sendForReview: 'Send for review',
    addTheComment: 'Add the comment',
  },
  postReviewsPage: {
    askBeforePosting: 'Ask before posting',
    draftsMarketingSentForYour: 'Drafts marketing sent for your review. Open one to read it with its consent check, then approve, decline or comment.',
    loading: 'Loading…',
    nothingWasSentForReview: 'Nothing was sent for review.',
    postsSentForReview: 'Posts sent for review',
    post: 'Post',
    asked: 'Asked',
    state: 'State',
    caption: 'Caption',
    on: 'on',
    changedSince: ' (changed since)',
  },
} as const;
